/**
 * Messages of the tasks screens. `en` defines the keys; the Chinese catalogues are typed against
 * it, so a key missing in one language fails tsc. Merged into the catalogues in ../en.ts etc.
 */
export const tasksEn = {
  'nav.tasks': 'Pending',
} as const;

export type TasksKey = keyof typeof tasksEn;

export const tasksZhHant: Record<TasksKey, string> = {
  'nav.tasks': '待辦事項',
};

export const tasksZhHans: Record<TasksKey, string> = {
  'nav.tasks': '待办事项',
};
