import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditCategory } from '../../audit/audit-event.entity';
import { AuditService, diffFields } from '../../audit/audit.service';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { assertVersion } from '../../platform/http/etag';
import { CreateTeamDto, UpdateTeamDto } from './team.dto';
import { TeamEntity } from './team.entity';

/** The organisation tree. */
@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every team, parents before children. */
  list(): Promise<TeamEntity[]> {
    return this.dataSource.getRepository(TeamEntity).createQueryBuilder('t').orderBy('t.path').getMany();
  }

  async getById(id: string): Promise<TeamEntity> {
    const team = await this.dataSource.getRepository(TeamEntity).findOne({ where: { id } });
    if (!team) throw AppError.notFound('Team');
    return team;
  }

  async create(dto: CreateTeamDto): Promise<TeamEntity> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(TeamEntity, { where: { code: dto.code } })) {
        throw new AppError(ErrorCode.Conflict, 'A team with this code exists', { errors: [{ field: 'code', message: 'is already taken' }] });
      }
      const parent = dto.parentId ? await manager.findOne(TeamEntity, { where: { id: dto.parentId } }) : null;
      if (dto.parentId && !parent) throw AppError.validation('parentId', 'no such team');
      const team = manager.create(TeamEntity, { parentId: parent?.id ?? null, code: dto.code, name: dto.name, nameEn: dto.nameEn, kind: dto.kind });
      team.path = `${parent?.path ?? '/'}${team.id}/`;
      await manager.save(team);
      await this.audit.record(manager, {
        category: AuditCategory.Security,
        action: 'team.created',
        entityType: 'team',
        entityId: team.id,
        changes: diffFields({}, team, ['parentId', 'code', 'name', 'nameEn', 'kind']),
      });
      return team;
    });
  }

  async update(id: string, dto: UpdateTeamDto, expectedVersion: number | undefined): Promise<TeamEntity> {
    return this.dataSource.transaction(async (manager) => {
      const team = await manager.findOne(TeamEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!team) throw AppError.notFound('Team');
      assertVersion(team.version, expectedVersion, true);
      const before = { ...team };
      Object.assign(team, dto);
      const changes = diffFields(before, team, ['name', 'nameEn']);
      if (!changes) return team;
      await manager.save(team);
      await this.audit.record(manager, { category: AuditCategory.Security, action: 'team.updated', entityType: 'team', entityId: id, changes });
      return team;
    });
  }
}
