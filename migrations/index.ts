import { Foundation1795860000000 } from './1795860000000-Foundation';

/** Every migration, oldest first. Listed explicitly so the app, the CLI and the tests run the same set. */
export const MIGRATIONS = [Foundation1795860000000];
