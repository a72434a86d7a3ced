import type { SliceCreator } from './types';

/** The "Search permissions" box: it filters the granted scopes of every connection. */
export interface SearchSlice {
  /** As typed; matching trims it and ignores case. */
  permissionQuery: string;
  setPermissionQuery(query: string): void;
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set) => ({
  permissionQuery: '',
  setPermissionQuery(query) {
    set({ permissionQuery: query });
  },
});
