/**
 * Messages of a key or radio coming back: the confirmation before a return is recorded and the
 * minute in which it can be undone (issue 7 §8). `en` defines the keys; the Chinese catalogues are
 * typed against it. Merged into the catalogues in ../en.ts etc.
 */
export const returnsEn = {
  'register.return.confirm.title': 'Record the return?',
  'register.return.confirm.body': 'Record that {party} returned {label} ({code}).',
  'register.return.confirm.submit': 'Confirm return',
  'register.return.done': 'Returned: {label} from {party}.',
  'register.return.undo': 'Undo ({seconds} s)',
  'register.return.undone': 'Return undone: {label} is on loan to {party} again.',
  'register.return.error.notReturn': 'This is not a return that can be undone.',
  'register.return.error.tooLate':
    'The minute to undo this return has passed. Lend the item again if it went back out.',
  'register.return.error.alreadyUndone': 'This return was undone already.',
  'register.loans.recent.undone': 'Undone',
} as const;

export type ReturnsKey = keyof typeof returnsEn;

export const returnsZhHant: Record<ReturnsKey, string> = {
  'register.return.confirm.title': '確認歸還？',
  'register.return.confirm.body': '記錄{party}已歸還{label}（{code}）。',
  'register.return.confirm.submit': '確認歸還',
  'register.return.done': '已歸還：{party} 交回 {label}。',
  'register.return.undo': '撤銷（{seconds} 秒）',
  'register.return.undone': '已撤銷歸還：{label} 仍由 {party} 借用。',
  'register.return.error.notReturn': '這不是可以撤銷的歸還記錄。',
  'register.return.error.tooLate': '已超過一分鐘，不能再撤銷這次歸還。如物品再次借出，請重新登記借出。',
  'register.return.error.alreadyUndone': '這次歸還已經撤銷。',
  'register.loans.recent.undone': '已撤銷',
};

export const returnsZhHans: Record<ReturnsKey, string> = {
  'register.return.confirm.title': '确认归还？',
  'register.return.confirm.body': '记录{party}已归还{label}（{code}）。',
  'register.return.confirm.submit': '确认归还',
  'register.return.done': '已归还：{party} 交回 {label}。',
  'register.return.undo': '撤销（{seconds} 秒）',
  'register.return.undone': '已撤销归还：{label} 仍由 {party} 借用。',
  'register.return.error.notReturn': '这不是可以撤销的归还记录。',
  'register.return.error.tooLate': '已超过一分钟，不能再撤销这次归还。如物品再次借出，请重新登记借出。',
  'register.return.error.alreadyUndone': '这次归还已经撤销。',
  'register.loans.recent.undone': '已撤销',
};
