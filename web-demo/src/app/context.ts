// What every view gets from the shell: the library, validators on the shared core, its URL state and
// a way to change it, and the hook that records when the page first showed a verdict.
import type { Validator } from '../../../src/validator.js';
import type { HandleTypeInfo } from '../../../src/catalogue.js';
import type { Library } from './library.js';
import type { Route } from '../logic/url-state.js';

export interface ViewContext {
  library: Library;
  /** A fresh validator (own state) on the already compiled core. */
  validator(): Promise<Validator>;
  handleTypes(): Promise<HandleTypeInfo[]>;
  /** The view's parameters from the URL when it was opened. */
  params: Record<string, string>;
  /** Rewrites the URL's parameters for this view (no new history entry: typing does not flood Back). */
  setParams(params: Record<string, string | undefined>): void;
  /** Resolves once the latest setParams is in the URL (long state is packed, asynchronously, first): read location.href after it to copy a link. */
  urlWritten(): Promise<void>;
  /** Opens another view with the given parameters (a new history entry). */
  navigate(route: Route, params?: Record<string, string | undefined>): void;
  /** Call when a verdict (findings or "valid") is on screen; the first call is timed for the benchmark. */
  verdictShown(): void;
}

/** A view: the shell names it and lists it in the tabs (main.ts); the view draws itself into root. */
export interface View {
  mount(root: HTMLElement, ctx: ViewContext): void | Promise<void>;
  /** Called before another view replaces this one. */
  unmount?(): void;
}
