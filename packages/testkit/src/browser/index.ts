export {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  type HeadlessChromium,
  type LaunchChromiumOptions,
  launchChromium,
} from './chromium.ts';
export { type Json, type ServedApp, startWebWorld, type WebWorld, type WebWorldOptions } from './web-world.ts';
