/** The database URL the application runs on, for the machinery that opens its own connections (the job queue). */
export const DATABASE_URL = Symbol('DATABASE_URL');
