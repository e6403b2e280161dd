import type {StackAnswers} from './types.js';

/** A bad answer (URL, model id, numbers, raw key...). The message is one line, fit to show the user. */
export class StackInputError extends Error {
  /** The answer at fault, when there is one (the CLI maps it to its flag). */
  readonly field?: keyof StackAnswers;
  constructor(message: string, field?: keyof StackAnswers) {
    super(message);
    this.name = 'StackInputError';
    this.field = field;
  }
}

/** The config has a shape setup cannot patch (e.g. `agents` is a string). Fix by hand first. */
export class StackConfigError extends StackInputError {
  constructor(message: string) {
    super(message);
    this.name = 'StackConfigError';
  }
}
