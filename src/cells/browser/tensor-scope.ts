/**
 * Tensor memory across live runs. A reader re-runs cells many times; without
 * care every run leaves its temporaries and its previous results in GPU/WASM
 * memory. Each cell run is wrapped in a tfjs engine scope: at its end, the
 * tensors it created are disposed unless a top-level binding of the page can
 * still reach them. When a cell runs again, what its previous values held and
 * nothing else reaches (tensors, variables, models) is disposed.
 *
 * tf.tidy cannot do this: it refuses async functions, and cells are async.
 */
import type { TfModule } from './backend.ts';

type Tensor = InstanceType<TfModule['Tensor']>;
type Model = InstanceType<TfModule['LayersModel']>;

export interface Held {
  tensors: Set<Tensor>;
  models: Set<Model>;
}

const maxDepth = 6;
const maxItems = 10_000;

/** The tensors and models reachable from `roots` through arrays, maps, sets and object properties. */
export function reachable(tf: TfModule, roots: Iterable<unknown>): Held {
  const held: Held = { tensors: new Set(), models: new Set() };
  const seen = new Set<object>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > maxDepth) return;
    seen.add(value);
    if (value instanceof tf.Tensor) {
      held.tensors.add(value);
      return;
    }
    if (value instanceof tf.LayersModel) {
      held.models.add(value);
      return;
    }
    // Module namespaces (tf itself, notebooks) and typed arrays hold no page state worth walking.
    if ((value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module' || ArrayBuffer.isView(value)) return;
    if (value instanceof Map) {
      for (const [k, v] of value) {
        visit(k, depth + 1);
        visit(v, depth + 1);
      }
      return;
    }
    if (value instanceof Set || Array.isArray(value)) {
      let count = 0;
      for (const item of value) {
        if (++count > maxItems) break;
        visit(item, depth + 1);
      }
      return;
    }
    for (const key of Object.keys(value)) visit((value as { [key: string]: unknown })[key], depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return held;
}

/** Opens the scope for one cell run. */
export function beginCell(tf: TfModule): void {
  tf.engine().startScope();
}

/** Closes the cell's scope, keeping what the page's bindings reach. */
export function endCell(tf: TfModule, scope: { [name: string]: unknown }): void {
  const kept = reachable(tf, Object.values(scope));
  tf.engine().endScope([...kept.tensors]);
}

/** Disposes what `previous` held and the page's bindings no longer reach. */
export function releaseUnreachable(tf: TfModule, previous: Held, scope: { [name: string]: unknown }): void {
  const live = reachable(tf, Object.values(scope));
  const liveWeights = new Set<Tensor>();
  for (const model of live.models) for (const weight of model.weights) liveWeights.add(weight.read());
  for (const model of previous.models) {
    if (live.models.has(model)) continue;
    try {
      model.dispose();
    } catch {
      // The cell disposed it itself; tfjs throws on a second dispose.
    }
  }
  for (const tensor of previous.tensors) {
    if (!tensor.isDisposed && !live.tensors.has(tensor) && !liveWeights.has(tensor)) tensor.dispose();
  }
}
