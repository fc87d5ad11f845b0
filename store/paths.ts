// The repository root lives in core/ (every layer may use it); kept here for the embedded
// engine's launcher, which imports it from its own folder.
export { projectRoot } from '../core/paths.js';
