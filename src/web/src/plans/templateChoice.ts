// Which template the server picks for a search result when none is named (Plans/Templates/TemplateChoice.cs),
// so the picker can show that choice selected. The server stays the authority: the picker sends no template
// unless the user picks another.

const MEDIA = ['creator economy', 'gaming', 'media', 'publishing', 'entertainment', 'music'];
const HARDWARE = ['manufacturing', 'agriculture', 'construction', 'food', 'automotive', 'hardware', 'consumer electronics'];
const SERVICES = ['health', 'mental health', 'elder care', 'parenting', 'pets', 'legal', 'hr', 'real estate', 'hospitality',
  'travel', 'logistics', 'climate', 'energy', 'education', 'sports', 'nonprofits', 'security', 'accessibility', 'retail'];

export function defaultTemplateId(category: string, industry: string | null): string {
  const kind = category.trim().toLowerCase();
  const sector = (industry ?? '').trim().toLowerCase();
  const hardware = HARDWARE.includes(sector);
  if (kind === 'technology') return hardware ? 'physical-product' : 'software-startup';
  if (MEDIA.includes(sector)) return 'content-platform';
  if (kind === 'business_model') return 'marketplace';
  if (kind === 'market' && (hardware || SERVICES.includes(sector))) return 'service-business';
  return 'software-startup';
}

export const categoryLabels: Record<string, string> = {
  market: 'Market gap',
  technology: 'Technology gap',
  ux: 'UX gap',
  business_model: 'Business model gap',
};
