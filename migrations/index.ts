import { Foundation1795860000000 } from './1795860000000-Foundation';
import { ContractsAndFlags1795870000000 } from './1795870000000-ContractsAndFlags';
import { SupervisionRecords1795880000000 } from './1795880000000-SupervisionRecords';
import { CalendarFeeds1795890000000 } from './1795890000000-CalendarFeeds';

/** Every migration, oldest first. Listed explicitly so the app, the CLI and the tests run the same set. */
export const MIGRATIONS = [Foundation1795860000000, ContractsAndFlags1795870000000, SupervisionRecords1795880000000, CalendarFeeds1795890000000];
