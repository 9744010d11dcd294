export { submit, readStackOutputs, type SubmitOptions, type SubmitResult, type StackOutputs } from './submit.js';
