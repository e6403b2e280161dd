/** Navigation: a stack of screens, the help overlay, and quitting. Pure. */

export type Route =
  | {screen: 'home'}
  | {screen: 'hardware'}
  | {screen: 'setup'}
  /** `note` is shown above the checks (e.g. what was just written). */
  | {screen: 'doctor'; note?: string; runId?: number};

export interface AppState {
  routes: Route[];
  help: boolean;
  /** Set when the user asked to quit while a write was in flight: quit when it ends. */
  quitWhenIdle: boolean;
}

export type AppAction =
  | {type: 'push'; route: Route}
  /** Replace the top screen (e.g. set-up finished → doctor, so Esc goes home). */
  | {type: 'replace'; route: Route}
  | {type: 'back'}
  | {type: 'help'; open?: boolean}
  | {type: 'quit-when-idle'};

export const initialAppState: AppState = {routes: [{screen: 'home'}], help: false, quitWhenIdle: false};

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'push':
      return {...state, help: false, routes: [...state.routes, action.route]};
    case 'replace':
      return {...state, help: false, routes: [...state.routes.slice(0, -1), action.route]};
    case 'back':
      if (state.help) return {...state, help: false};
      // Home is the bottom of the stack: Esc there does nothing.
      return state.routes.length > 1 ? {...state, routes: state.routes.slice(0, -1)} : state;
    case 'help':
      return {...state, help: action.open ?? !state.help};
    case 'quit-when-idle':
      return {...state, quitWhenIdle: true};
  }
}

export function currentRoute(state: AppState): Route {
  return state.routes[state.routes.length - 1];
}
