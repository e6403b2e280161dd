/**
 * Plain-text output, one rule each: how wide a string is on a terminal (in
 * cells: a CJK character or an emoji takes two), word wrap, the text width of
 * a report, colour, and the number formats. Every command, the doctor's report
 * and the screens use these. Pure: the packages only measure strings.
 */
export {cells, stripAnsi, TEXT_WIDTH, textWidth, truncate, wrapLine, type WrapOptions} from './wrap.js';
export {colorEnabled, paint, type Colour} from './color.js';
export {fmt, formatGB, plural} from './format.js';
export {kindLabel, serverName} from '../server-kinds.js';
