import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntitySubscriberInterface, UpdateEvent } from 'typeorm';
import { Clock } from '../common/clock';
import { User } from '../users/user.entity';
import { AuthToken } from './auth-token.entity';

/**
 * A new password or a disabled account ends every open sign-in of that user (tokens and session
 * cookies alike), in the transaction that changes the user, whichever path changes it: an admin's
 * PATCH /users/:id, the account page's password change. The users feature thus knows nothing of tokens.
 */
@Injectable()
export class SessionRevocation implements EntitySubscriberInterface<User> {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    dataSource.subscribers.push(this);
  }

  listenTo(): typeof User {
    return User;
  }

  async afterUpdate(event: UpdateEvent<User>): Promise<void> {
    const changed = (property: keyof User) => event.updatedColumns.some((column) => column.propertyName === property);
    const endsSessions = changed('passwordHash') || (changed('active') && event.entity?.active === false);
    if (!endsSessions) return;
    const userId = event.databaseEntity?.id ?? (event.entity?.id as string | undefined);
    if (!userId) throw new Error("a user's password or access changed without naming the user (use updateAtVersion): their sessions cannot be ended");
    await event.manager
      .createQueryBuilder()
      .update(AuthToken)
      .set({ revokedAt: this.clock.now() })
      .where('userId = :userId AND revokedAt IS NULL', { userId })
      .execute();
  }
}
