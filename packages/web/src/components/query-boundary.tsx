import type { CreateQueryResult } from '@tanstack/solid-query';
import { type JSX, Match, Switch } from 'solid-js';
import { errorMessage } from '../lib/trpc.ts';

/** Loading, error and empty states for one query, in one place. */
export function QueryBoundary<T>(props: {
  query: CreateQueryResult<T>;
  empty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.query.isError}>
        <p class="error" role="alert">
          {errorMessage(props.query.error)}
        </p>
      </Match>
      <Match when={props.query.data !== undefined && props.empty?.(props.query.data as T)}>
        <p class="muted">{props.emptyText ?? 'Nothing here yet.'}</p>
      </Match>
      <Match when={props.query.data !== undefined}>{props.children(props.query.data as T)}</Match>
      <Match when={props.query.isLoading}>
        <p class="muted">Loading…</p>
      </Match>
    </Switch>
  );
}
