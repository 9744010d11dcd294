import { stepImplementations } from '../lib/pipeline/steps/index.js';
import { stepHandler } from './commons/step-handler.js';

/** The validate step of the workflow (see lib/pipeline/step-list.ts). */
export const handler = stepHandler('validate', stepImplementations.validate);
