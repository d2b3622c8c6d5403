/** What the client does when the language server process dies: restart it, tell the user once per
 *  session, and give up (saying so) after too many deaths in a row. Pure, so it is tested without
 *  VS Code; languageClient.ts maps the decisions onto vscode-languageclient's ErrorHandler. */
export interface RestartDecision {
  restart: boolean;
  /** A message for the user, at most once while restarting, and once when giving up. */
  message?: string;
}

export const MAX_RESTARTS = 5;

export function serverRestartPolicy(maxRestarts = MAX_RESTARTS): { closed(): RestartDecision } {
  let deaths = 0;
  let told = false;
  return {
    closed(): RestartDecision {
      deaths++;
      if (deaths > maxRestarts) {
        return { restart: false, message: `Istio Lens: the language server stopped ${deaths} times and will not be restarted; reload the window to try again. Details are in the "Istio Lens" output.` };
      }
      if (told) return { restart: true };
      told = true;
      return { restart: true, message: 'Istio Lens: the language server stopped and was restarted. Details are in the "Istio Lens" output.' };
    },
  };
}
