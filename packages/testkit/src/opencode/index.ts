export { findOpencodeBinary, type OpencodeBinary } from './binary.ts';
export { buildOpencodeConfig, type OpencodeConfigInput, SCRIPTED_PROVIDER } from './config.ts';
export { freePort } from './free-port.ts';
export { type RunningOpencode, type StartOpencodeOptions, startOpencode } from './launcher.ts';
