import type { Active, Over } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/plans';
import { columnId, phaseSortId } from './boardIds';
import { announcements } from './dragAnnouncements';

const active = (id: string | number) => ({ id }) as unknown as Active;
const over = (id: string | number) => ({ id }) as unknown as Over;

describe('drag announcements', () => {
  const say = announcements(samplePlan());

  it('name a task by its title and the list it is over by its phase', () => {
    expect(say.onDragStart({ active: active(2) })).toBe('Picked up “Map competitors”.');
    expect(say.onDragOver({ active: active(2), over: over(columnId(20)) })).toBe('“Map competitors” is over phase Build.');
  });

  it('name a phase being moved, and the phase it is over', () => {
    expect(say.onDragStart({ active: active(phaseSortId(10)) })).toBe('Picked up phase “Discover”.');
    expect(say.onDragOver({ active: active(phaseSortId(10)), over: over(phaseSortId(20)) })).toBe('Phase “Discover” is over phase “Build”.');
    expect(say.onDragEnd({ active: active(phaseSortId(10)), over: over(phaseSortId(20)) })).toBe('Dropped phase “Discover” at phase “Build”.');
    expect(say.onDragCancel({ active: active(phaseSortId(10)), over: null })).toBe('Moving phase “Discover” was cancelled; it is back where it was.');
  });
});
