/** The version of Istio Lens: package.json's `version`, put in by the build (esbuild `define` in
 *  scripts/build.mjs). Run from the sources (tests through tsx), it reads `0.0.0-dev`. */
declare const ISTIO_LENS_VERSION: string | undefined;

export const VERSION: string = typeof ISTIO_LENS_VERSION === 'string' ? ISTIO_LENS_VERSION : '0.0.0-dev';
