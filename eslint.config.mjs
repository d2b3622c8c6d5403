// Lint: typescript-eslint's parser and the layering rules of docs/architecture.md, as import
// restrictions. `npm test` runs it (scripts/lint.mjs); `npx eslint .` runs it alone.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/**/fixtures/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // As tsc's noUnusedLocals: a leading underscore marks a value left out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The benchmark's LSP client passes JSON-RPC payloads through untyped; the e2e suite runs mocha
    // inside VS Code, whose globals come from a type reference.
    files: ['bench/**/*.ts', 'test/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/triple-slash-reference': 'off' },
  },
  {
    // The core does no I/O and imports no editor, language-server or command-line code.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: NODE_BUILTINS.map((name) => ({ name, message: 'The core does no I/O: pass data in from the edges (lsp/, cli/).' })),
        patterns: [
          { regex: '^node:', message: 'The core does no I/O: pass data in from the edges (lsp/, cli/).' },
          // Relative paths that climb out of the core into the edges (core/workspace/protocol.ts is the core's own).
          { regex: '^(\\.\\./)+(lsp|cli|protocol|client)(/|$)|(^|/)server/src/(lsp|cli|protocol)(/|$)', message: 'The core imports nothing from lsp/, cli/ or protocol/ (docs/architecture.md).' },
          { regex: '^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc|commander)(/|$)', message: 'The core imports no editor or command-line library.' },
        ],
      }],
    },
  },
  {
    // The extension talks to the server only through the protocol.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)server/src/(?!protocol/)', message: 'The client imports only server/src/protocol from the server (docs/architecture.md).' },
        ],
      }],
    },
  },
);
