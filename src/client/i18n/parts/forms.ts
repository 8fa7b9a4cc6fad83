/**
 * Messages shared by every form: text limits read from the schemas, and drafts kept on the tablet
 * (issue 7, "Nothing typed is lost"). `en` defines the keys; the Chinese catalogues are typed
 * against it. Merged into the catalogues in ../en.ts etc.
 */
export const formsEn = {
  'error.maxLength': 'At most {max} characters; now {count}',
  'field.counter': '{count} of {max} characters',
  'field.pasteCut':
    'The pasted text was longer than this field allows: {left} characters were left out. Shorten it and paste again.',
  'draft.restored': 'Draft restored',
  'draft.discard': 'Discard draft',
} as const;

type FormsKey = keyof typeof formsEn;

export const formsZhHant: Record<FormsKey, string> = {
  'error.maxLength': '最多 {max} 個字；現在 {count} 個字',
  'field.counter': '{count} / {max} 個字',
  'field.pasteCut': '貼上的文字超出此欄上限：有 {left} 個字未能貼上。請刪減後再貼上。',
  'draft.restored': '已恢復未儲存的草稿',
  'draft.discard': '捨棄草稿',
};

export const formsZhHans: Record<FormsKey, string> = {
  'error.maxLength': '最多 {max} 个字；现在 {count} 个字',
  'field.counter': '{count} / {max} 个字',
  'field.pasteCut': '粘贴的文字超出此栏上限：有 {left} 个字未能粘贴。请删减后再粘贴。',
  'draft.restored': '已恢复未保存的草稿',
  'draft.discard': '舍弃草稿',
};
