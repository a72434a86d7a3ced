import type { PolicyInForce } from '../../../shared/policy/inForce';
import { NO_POLICY } from '../../../shared/policy/noPolicy';
import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import type { SliceCreator } from './types';

/**
 * The managed policy in force, as the main process read it (Settings › Policy, the scope picker,
 * Connect). Only a mirror: core refuses whatever the policy blocks, whatever the window shows.
 */
export interface PolicySlice {
  policy: PolicyInForce;
  loadPolicy(): Promise<void>;
  policyChanged(policy: PolicyInForce): void;
}

export const createPolicySlice: SliceCreator<PolicySlice> = (set, get) => ({
  policy: NO_POLICY,

  async loadPolicy() {
    const result = await call(() => getBridge().policy.get());
    if (result.ok) set({ policy: result.value });
    else get().reportError(result.error, undefined, undefined, PLACES.policy);
  },

  policyChanged(policy) {
    set({ policy });
  },
});
