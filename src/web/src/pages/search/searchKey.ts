/** The cache key of one stored search (GET /api/search/{id}). */
export const searchKey = (id: number) => ['search', id] as const;
