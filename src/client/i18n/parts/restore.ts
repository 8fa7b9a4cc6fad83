/**
 * Messages of issue 9 §1 (restores): a tablet whose pushes are held because the server lost ops
 * this tablet no longer keeps (docs/architecture.md "Restores"). Merged into ../en.ts etc.
 */
export const restoreEn = {
  'status.error.blocked':
    'The server lost changes this tablet sent too long ago to send again. Changes are kept here but not sent: ask an admin to enrol this tablet again.',
  'sync.reason.ops_lost':
    'The server was restored from an older backup and lost changes this tablet no longer keeps; nothing more is sent until an admin enrols this tablet again',
};
type RestoreKey = keyof typeof restoreEn;

export const restoreZhHant: Record<RestoreKey, string> = {
  'status.error.blocked':
    '伺服器遺失了這部平板電腦很久以前送出、已無法重送的變更。變更保留在平板電腦上但暫停上傳：請管理員重新登記這部平板電腦。',
  'sync.reason.ops_lost':
    '伺服器從較舊的備份還原，遺失了這部平板電腦已不再保留的變更；在管理員重新登記這部平板電腦之前不會再上傳',
};

export const restoreZhHans: Record<RestoreKey, string> = {
  'status.error.blocked':
    '服务器丢失了这台平板电脑很久以前上传、已无法重新上传的更改。更改保留在平板电脑上但暂停上传：请管理员重新登记这台平板电脑。',
  'sync.reason.ops_lost':
    '服务器从较旧的备份还原，丢失了这台平板电脑已不再保留的更改；在管理员重新登记这台平板电脑之前不会再上传',
};
