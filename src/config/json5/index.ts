/** Lossless JSON5: tokenizer, CST parser, style detection, printing and text edits. */
export * from './cst.js';
export {parseJson5Document, tokenize, Json5SyntaxError, positionOf} from './parser.js';
export {detectStyle, defaultStyle, isPlainJson, type FileStyle} from './style.js';
export {printValue, quoteString, isPlainObject, type PrintStyle} from './serialize.js';
