// Types of the Node entry: every export of the module, already initialised.
export * from './wangge.js';
