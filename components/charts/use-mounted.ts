import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False during server rendering and hydration: charts measure the browser's layout, which the server has not got. */
export function useMounted(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
