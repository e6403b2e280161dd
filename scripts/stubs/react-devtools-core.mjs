// Ink imports react-devtools-core statically (only used when DEV=true). It is
// an optional peer we do not ship; this stub keeps the bundle self-contained.
const devtools = {
  initialize() {},
  connectToDevTools() {},
};
export default devtools;
export const initialize = devtools.initialize;
export const connectToDevTools = devtools.connectToDevTools;
