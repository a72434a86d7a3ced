import type { EventChannel } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/contract';

/** Pushes one event to the renderer, its payload typed by the contract's event map. */
export type Emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;
