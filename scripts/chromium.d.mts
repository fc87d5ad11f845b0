// Types for scripts/chromium.mjs (plain JavaScript, so `npm test` can run it before anything is compiled).
export declare const CHROMIUM_FIX: string;
export declare function findChromium(env?: NodeJS.ProcessEnv): string | undefined;
export declare function ensureChromium(options?: {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}): { path: string; problem?: undefined } | { path?: undefined; problem: string };
