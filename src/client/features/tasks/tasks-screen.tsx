import { useId, useState } from 'react';
import type { Role } from '../../../domain/entities';
import { TASK_KINDS, TASK_STATUSES } from '../../../domain/task-entities';
import { useT } from '../../i18n/use-t';
import { useUiStore } from '../../state/ui-store';
import { Button } from '../../ui/button';
import { ChipGroup } from '../../ui/choice-group';
import { useNow } from '../../ui/use-now';
import { useSite } from '../../ui/use-site';
import { useStaffMember } from '../../ui/use-staff';
import { TaskDetail } from './task-detail';
import { TaskForm } from './task-form';
import type { TaskGroup } from './task-groups';
import { taskKindKey, taskStatusKey } from './task-labels';
import { TaskRow } from './task-row';
import { useTaskList, type KindFilter, type TaskListState } from './use-task-list';

/**
 * The carry-over register (H4, H5, H7, H9): open tasks carried from shift to shift until done,
 * important ones first, by kind; closed ones under the Done and Withdrawn filters. `staffId` is the
 * signed-in person. Another screen may ask to open a task (ui-store focus, e.g. from the gate).
 */
export function TasksScreen({ staffId }: { staffId: string }) {
  const site = useSite();
  const staff = useStaffMember(staffId);
  // Times need the building's zone; never fall back to the tablet's own zone (T1).
  if (site === undefined || !staff) return null;
  return <TasksView staffId={staffId} role={staff.role} timeZone={site.timeZone} />;
}

function TasksView({ staffId, role, timeZone }: { staffId: string; role: Role; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  const list = useTaskList();
  const now = useNow();
  const focus = useUiStore((s) => s.focus);
  const clearFocus = useUiStore((s) => s.clearFocus);
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState(false);
  const shownId = openTaskId ?? (focus?.table === 'task' ? focus.id : null);
  const { groups, count } = list;

  return (
    <div className="tasks">
      <section className="card tasks-card" aria-labelledby={titleId}>
        <div className="card-top">
          <h2 id={titleId}>{t('tasks.title')}</h2>
          {groups ? (
            <span className="count">
              {count === 1 ? t('tasks.list.count.one') : t('tasks.list.count.other', { count })}
            </span>
          ) : null}
          <Button
            variant="primary"
            large
            onClick={() => {
              setSaved(false);
              setCreating(true);
            }}
          >
            {t('tasks.new')}
          </Button>
        </div>
        <p className="meta">{t('tasks.intro')}</p>
        {saved ? (
          <p role="status" className="form-ok">
            {t('tasks.form.saved')}
          </p>
        ) : null}
        <TaskFilters list={list} />
        {groups && count === 0 ? (
          <p className="empty">
            {list.kind === 'all' && list.status === 'open' ? t('tasks.list.empty') : t('tasks.list.noMatch')}
          </p>
        ) : null}
        {groups?.map((group) => (
          <TaskGroupSection
            key={group.key}
            group={group}
            list={list}
            now={now}
            timeZone={timeZone}
            onOpen={setOpenTaskId}
          />
        ))}
      </section>
      {creating ? (
        <TaskForm
          staffId={staffId}
          role={role}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            setSaved(true);
          }}
        />
      ) : null}
      {shownId ? (
        <TaskDetail
          taskId={shownId}
          staffId={staffId}
          role={role}
          timeZone={timeZone}
          onClose={() => {
            setOpenTaskId(null);
            clearFocus();
          }}
        />
      ) : null}
    </div>
  );
}

function TaskFilters({ list }: { list: TaskListState }) {
  const t = useT();
  return (
    <div className="filters">
      <ChipGroup
        legend={t('tasks.filter.status')}
        legendHidden
        options={TASK_STATUSES.map((s) => ({ value: s, label: t(taskStatusKey(s)) }))}
        value={list.status}
        onChange={list.setStatus}
      />
      <ChipGroup<KindFilter>
        legend={t('tasks.filter.kind')}
        legendHidden
        options={[
          { value: 'all', label: t('filter.all') },
          ...TASK_KINDS.map((k) => ({ value: k, label: t(taskKindKey(k)) })),
        ]}
        value={list.kind}
        onChange={list.setKind}
      />
    </div>
  );
}

function TaskGroupSection(props: {
  group: TaskGroup;
  list: TaskListState;
  now: number;
  timeZone: string;
  onOpen(taskId: string): void;
}) {
  const { group, list, now, timeZone, onOpen } = props;
  const t = useT();
  const headingId = useId();
  return (
    <section className={`task-group task-group-${group.key}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{group.key === 'important' ? t('tasks.group.important') : t(taskKindKey(group.key))}</h3>
      <ul className="record-rows" aria-labelledby={headingId}>
        {group.tasks.map((task) => (
          <li key={task.id}>
            <TaskRow
              task={task}
              item={task.itemId ? list.itemOf(task.itemId) : undefined}
              nowMs={now}
              timeZone={timeZone}
              onOpen={() => onOpen(task.id)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
