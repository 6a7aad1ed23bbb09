import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, avatarColours, colourIndexOf, Presence } from './Presence';

/** WCAG 2.1 relative luminance and contrast ratio. */
function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('avatar colours', () => {
  it('give white initials at least WCAG AA contrast (4.5:1) on every colour, and are all different', () => {
    for (const colour of AVATAR_COLOURS) expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
    expect(new Set(AVATAR_COLOURS).size).toBe(AVATAR_COLOURS.length);
  });

  it('are a user’s own, whoever else is here, when nobody else has the same', () => {
    expect(colourIndexOf(7)).toBe(colourIndexOf(7));
    const alone = avatarColours([7]).get(7);
    const together = avatarColours([3, 7]);
    if (colourIndexOf(3) !== colourIndexOf(7)) expect(together.get(7)).toBe(alone);
  });

  it('never repeat among the people shown (up to twelve), in whatever order they come', () => {
    const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const colours = avatarColours(ids);
    expect(new Set(colours.values()).size).toBe(12);
    expect(avatarColours([...ids].reverse())).toEqual(colours);
    // Consecutive ids (accounts made one after the other) already differ by their own colour.
    expect(new Set([1, 2, 3, 4].map(colourIndexOf)).size).toBe(4);
  });
});

describe('Presence', () => {
  it('shows each viewer as a focusable image named after them, in distinct colours, you first', () => {
    render(<Presence userId={2} viewers={[{ id: 1, displayName: 'Ada Lovelace' }, { id: 2, displayName: 'Grace Hopper' }, { id: 3, displayName: 'Alan' }]} />);

    const list = screen.getByRole('list', { name: 'Viewing now' });
    const avatars = within(list).getAllByRole('img');
    expect(avatars.map((a) => a.getAttribute('aria-label'))).toEqual(['Grace Hopper (you)', 'Ada Lovelace', 'Alan']);
    expect(avatars.map((a) => a.textContent)).toEqual(['GH', 'AL', 'A']);
    expect(avatars.every((a) => a.tabIndex === 0)).toBe(true);
    expect(new Set(avatars.map((a) => a.style.backgroundColor)).size).toBe(3);
    // The visible name (hover, focus) is there for sighted users; screen readers have the image's name.
    expect(within(list).getByText('Ada Lovelace').getAttribute('aria-hidden')).toBe('true');
  });

  it('shows nothing when nobody is here', () => {
    const { container } = render(<Presence userId={1} viewers={[]} />);
    expect(container.innerHTML).toBe('');
  });
});
