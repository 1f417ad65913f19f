/** The CSV columns of analytics.md ("CSV import"): required ones, then the optional human labels. */
export const REQUIRED_COLUMNS = [
  'id',
  'source',
  'conversation_id',
  'author_role',
  'created_at',
  'text',
] as const;
export const LABEL_COLUMNS = ['topics', 'sentiment'] as const;
export const LABELLED_CSV_COLUMNS = [...REQUIRED_COLUMNS, ...LABEL_COLUMNS] as const;

/** Separator of several topics in the `topics` column. */
export const TOPIC_SEPARATOR = '|';
