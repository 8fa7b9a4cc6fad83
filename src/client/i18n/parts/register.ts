/**
 * Messages of the register screens. `en` defines the keys; the Chinese catalogues are typed against
 * it, so a key missing in one language fails tsc. Merged into the catalogues in ../en.ts etc.
 */
export const registerEn = {
  'nav.register': 'Items',
} as const;

export type RegisterKey = keyof typeof registerEn;

export const registerZhHant: Record<RegisterKey, string> = {
  'nav.register': '物品登記',
};

export const registerZhHans: Record<RegisterKey, string> = {
  'nav.register': '物品登记',
};
