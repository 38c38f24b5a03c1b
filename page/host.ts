/** Marks Backstory's own UI host, so the scanner never reads it. */
export const HOST_ATTRIBUTE = 'data-backstory-host';
