/**
 * The address's query as it is now, for a change to be merged into. React Router's `setSearchParams(fn)` hands
 * `fn` the parameters of the last render, and renders navigations in a transition: a second change soon after a
 * first (pick a user, then type an address) would be merged into the state before the first and undo it.
 */
export function liveSearchParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}
