/**
 * Messages of the rota screens. `en` defines the keys; the Chinese catalogues are typed against
 * it, so a key missing in one language fails tsc. Merged into the catalogues in ../en.ts etc.
 */
export const rotaEn = {
  'nav.rota': 'Rota',
} as const;

export type RotaKey = keyof typeof rotaEn;

export const rotaZhHant: Record<RotaKey, string> = {
  'nav.rota': '更表',
};

export const rotaZhHans: Record<RotaKey, string> = {
  'nav.rota': '排班表',
};
