/** Internal-consistency reliability. */
export { cronbachAlpha, type CronbachAlphaResult, type ItemReliability } from './cronbach-alpha.js';
