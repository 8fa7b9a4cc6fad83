/**
 * Messages of the count screens. `en` defines the keys; the Chinese catalogues are typed against
 * it, so a key missing in one language fails tsc. Merged into the catalogues in ../en.ts etc.
 */
export const countEn = {
  'nav.count': 'Count',
} as const;

export type CountKey = keyof typeof countEn;

export const countZhHant: Record<CountKey, string> = {
  'nav.count': '點算',
};

export const countZhHans: Record<CountKey, string> = {
  'nav.count': '点算',
};
