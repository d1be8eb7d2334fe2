import { closeDateSortKey, daysSince1900 } from '../../platform/database/migrations/1764000000120-board-index';
import { groupByRecord } from '../grouping';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { FieldAccess, ObjectType } from '../../access/access.types';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import { RecordExport } from '../../access/record-export';
import { RecordShares } from '../../access/record-shares';
import { decimalSortKey, type ListOptions, ScopedRecords } from '../../access/scoped-records';
import { AuditService } from '../../audit/audit.service';
import { BulkReassignDto, BulkReassignResultDto } from '../../access/bulk-reassign.dto';
import { asRecycleBinEntry } from '../../access/business-record.dto';
import type { PageQueryDto } from '../../platform/http/pagination';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { AccountService } from '../accounts/account.service';
import { StageKind } from '../pipelines/pipeline.entity';
import { PipelineService } from '../pipelines/pipeline.service';
import {
  CreateOpportunityDto,
  ForecastDto,
  ForecastGroupBy,
  ForecastPeriod,
  ForecastQueryDto,
  OPPORTUNITY_FIELDS,
  OpportunityDto,
  OpportunityExportQueryDto,
  OpportunityPageDto,
  OpportunityQueryDto,
  OpportunityStatus,
  StageChangeDto,
  toOpportunityDto,
  toStageChangeDto,
  UpdateOpportunityDto,
} from './opportunity.dto';
import { OpportunityEntity, OpportunityStageChangeEntity } from './opportunity.entity';

const PROTECTED = [...OPPORTUNITY_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof OpportunityDto & string>;

/**
 * Opportunities, through the permission engine like accounts: the account they belong to must be one the caller
 * sees, the stage one of the pipeline's, and every stage change writes a stage-history row in the same transaction.
 */
@Injectable()
export class OpportunityService {
  readonly records: ScopedRecords<OpportunityEntity>;
  readonly shares: RecordShares<OpportunityEntity>;
  readonly exports: RecordExport<OpportunityEntity, OpportunityDto>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    access: AccessService,
    audit: AuditService,
    private readonly accounts: AccountService,
    private readonly pipelines: PipelineService,
  ) {
    this.records = new ScopedRecords(dataSource, access, audit, OpportunityEntity, {
      objectType: ObjectType.Opportunity,
      sortable: [],
      searchFields: ['name'],
      fields: [...OPPORTUNITY_FIELDS],
      sortKeys: {
        expectedCloseDate: {
          sql: (alias) => closeDateSortKey(`${alias}.expected_close_date`),
          value: (row) => (row.expectedCloseDate ? String(daysSince1900(row.expectedCloseDate)).padStart(6, '0') : ''),
        },
        amount: decimalSortKey<OpportunityEntity>('amount', (row) => row.amount),
      },
      // Its activities go to the bin with it.
      recycleBin: { parent: { table: 'accounts', field: 'accountId' }, takesAlong: [{ objectType: ObjectType.Activity, table: 'activities', column: 'related_id' }] },
      prepare: (manager, principal, values, before) => this.prepare(manager, principal, values, before),
      written: (manager, principal, record, before) => this.recordStageChange(manager, principal, record, before),
    });
    this.shares = new RecordShares(dataSource, audit, this.records);
    this.exports = new RecordExport(dataSource, audit, this.records, {
      toDto: toOpportunityDto,
      protectedFields: PROTECTED,
      columns: ['id', ...OPPORTUNITY_FIELDS, ...RECORD_ATTRIBUTE_FIELDS, 'createdAt', 'updatedAt', 'version'],
      types: { amount: 'decimal', expectedCloseDate: 'date' },
    });
  }

  async list(principal: Principal, query: OpportunityQueryDto): Promise<OpportunityPageDto> {
    const { page, access } = await this.records.list(principal, listOptions(query));
    return { ...page, data: page.data.map((o) => access.project(toOpportunityDto(o), PROTECTED)) };
  }

  /** An account's opportunities (the related list): 404 when the account is not visible to the caller. */
  async listForAccount(principal: Principal, accountId: string, query: OpportunityQueryDto): Promise<OpportunityPageDto> {
    await this.accounts.records.get(principal, accountId);
    const { page, access } = await this.records.list(principal, listOptions(query), { sql: 'r.account_id = :accountId', params: { accountId } });
    return { ...page, data: page.data.map((o) => access.project(toOpportunityDto(o), PROTECTED)) };
  }

  export(principal: Principal, query: OpportunityExportQueryDto, response: Response): Promise<void> {
    return this.exports.write(principal, listOptions(query), query.format, response);
  }

  async get(principal: Principal, id: string): Promise<OpportunityDto> {
    const { record, access, may } = await this.records.get(principal, id);
    return { ...access.project(toOpportunityDto(record), PROTECTED), myAccess: may };
  }

  async create(principal: Principal, dto: CreateOpportunityDto): Promise<OpportunityDto> {
    const { record, access } = await this.records.create(principal, { ...dto } as Partial<OpportunityEntity>);
    return access.project(toOpportunityDto(record), PROTECTED);
  }

  /** Reassigns several opportunities in one transaction: all of them, or none (the first refusal is the answer). */
  reassign(principal: Principal, dto: BulkReassignDto): Promise<BulkReassignResultDto> {
    return this.records.reassignMany(principal, dto.ids, dto.ownerId);
  }

  async update(principal: Principal, id: string, dto: UpdateOpportunityDto, version: number | undefined): Promise<OpportunityDto> {
    const { record, access, may } = await this.records.update(principal, id, { ...dto } as Partial<OpportunityEntity>, version);
    return { ...access.project(toOpportunityDto(record), PROTECTED), myAccess: may };
  }

  remove(principal: Principal, id: string, version: number | undefined): Promise<void> {
    return this.records.remove(principal, id, version);
  }

  async recycleBin(principal: Principal, query: PageQueryDto): Promise<OpportunityPageDto> {
    const { page, access } = await this.records.listRecycleBin(principal, query);
    return { ...page, data: page.data.map((o) => asRecycleBinEntry(access.project(toOpportunityDto(o), PROTECTED), o)) };
  }

  async restore(principal: Principal, id: string): Promise<OpportunityDto> {
    const { record, access, may } = await this.records.restore(principal, id);
    return { ...access.project(toOpportunityDto(record), PROTECTED), myAccess: may };
  }

  /** The stage changes of an opportunity the caller sees (404 otherwise), oldest first. */
  async stageHistory(principal: Principal, id: string): Promise<StageChangeDto[]> {
    const { access } = await this.records.get(principal, id);
    if (access.fieldAccess('stageId') === FieldAccess.Hidden) return [];
    const rows = await this.dataSource.getRepository(OpportunityStageChangeEntity).find({ where: { opportunityId: id }, order: { changedAt: 'ASC', id: 'ASC' } });
    return rows.map(toStageChangeDto);
  }

  /**
   * The weighted forecast over the opportunities the caller sees (the engine's read scope in the SQL), lost ones
   * excluded: per group and currency the count, Σ amount and Σ amount × probability / 100, all in PostgreSQL numeric.
   * 403 naming the field when the caller may not read `amount` (or the owner or team they group by).
   */
  async forecast(principal: Principal, query: ForecastQueryDto): Promise<ForecastDto> {
    const groupBy = query.groupBy ?? ForecastGroupBy.Period;
    const period = query.period ?? ForecastPeriod.Month;
    if (query.from && query.to && query.from > query.to) throw AppError.validation('to', 'must not be before from');
    const access = await this.records.accessFor(principal);
    const byField: Partial<Record<ForecastGroupBy, string>> = {
      [ForecastGroupBy.Owner]: 'ownerId',
      [ForecastGroupBy.Team]: 'teamId',
      [ForecastGroupBy.Period]: 'expectedCloseDate',
      [ForecastGroupBy.Stage]: 'stageId',
    };
    const groupField = byField[groupBy];
    const needed = ['amount', ...(groupField ? [groupField] : []), ...(query.ownerId ? ['ownerId'] : [])];
    access.assertReadsInFull(needed);
    const query_ = this.records.readable(access).innerJoin('pipeline_stages', 's', 's.id = r.stage_id').andWhere(`s.kind <> 'lost'`);
    if (query.from) query_.andWhere('r.expected_close_date >= :from', { from: query.from });
    if (query.to) query_.andWhere('r.expected_close_date <= :to', { to: query.to });
    if (query.ownerId) query_.andWhere('r.owner_id = :ownerId', { ownerId: query.ownerId });
    let key: string;
    let order: string | undefined;
    let label = 'null';
    let labelEn = 'null';
    switch (groupBy) {
      case ForecastGroupBy.Period:
        key = `to_char(r.expected_close_date, '${period === ForecastPeriod.Month ? 'YYYY-MM' : 'YYYY-"Q"Q'}')`;
        break;
      case ForecastGroupBy.Owner:
      case ForecastGroupBy.Team:
      case ForecastGroupBy.Region:
        ({ key, label, labelEn } = groupByRecord(query_, groupBy));
        break;
      case ForecastGroupBy.Stage:
        key = 's.id::text';
        label = 'min(s.name)';
        labelEn = 'min(s.name_en)';
        order = 'min(s.pipeline_id::text), min(s.position)';
        break;
    }
    const rows = await query_
      .select(`${key}`, 'key')
      .addSelect(label, 'label')
      .addSelect(labelEn, 'label_en')
      .addSelect('r.currency', 'currency')
      .addSelect('count(*)::int', 'count')
      .addSelect('sum(r.amount)::text', 'amount')
      .addSelect('round(sum(r.amount * r.probability) / 100, 2)::text', 'weighted')
      .groupBy(key)
      .addGroupBy('r.currency')
      .orderBy(order ?? key, 'ASC', 'NULLS LAST')
      .addOrderBy('r.currency', 'ASC')
      .getRawMany<{ key: string | null; label: string | null; label_en: string | null; currency: string; count: number; amount: string; weighted: string }>();
    return {
      groupBy,
      period,
      groups: rows.map((r) => ({ key: r.key, label: r.label, labelEn: r.label_en, currency: r.currency, count: r.count, amount: r.amount, weightedAmount: r.weighted })),
    };
  }

  /** In the write's transaction, after the rights checks: the account must be visible, the stage the pipeline's. */
  private async prepare(manager: EntityManager, principal: Principal, values: Partial<OpportunityEntity>, before: OpportunityEntity | undefined): Promise<void> {
    // As PostgreSQL will store it (scale 2), so an unchanged amount is no change: '100' → '100.00'.
    if (values.amount !== undefined) values.amount = normaliseAmount(values.amount);
    if (values.accountId !== undefined && values.accountId !== before?.accountId) {
      // An account the caller cannot see is, for them, an account that does not exist.
      await this.accounts.records.get(principal, values.accountId, manager).catch((error: unknown) => {
        throw error instanceof AppError && error.code === ErrorCode.NotFound ? AppError.validation('accountId', 'no such account') : error;
      });
    }
    const pipelineChanges = values.pipelineId !== undefined && values.pipelineId !== before?.pipelineId;
    const stageChanges = values.stageId !== undefined && values.stageId !== before?.stageId;
    if (before && !pipelineChanges && !stageChanges) return;
    const pipelineId = values.pipelineId ?? before?.pipelineId;
    const stageId = stageChanges ? values.stageId : pipelineChanges ? undefined : before?.stageId;
    const stage = await this.pipelines.resolveStage(manager, pipelineId, stageId);
    if (pipelineChanges || !before) {
      const [pipeline]: Array<{ active: boolean }> = await manager.query('select active from pipelines where id = $1', [stage.pipelineId]);
      if (!pipeline?.active) throw AppError.validation(values.pipelineId ? 'pipelineId' : 'stageId', 'the pipeline is inactive');
    }
    values.pipelineId = stage.pipelineId;
    values.stageId = stage.id;
    if (values.probability === undefined && stage.id !== before?.stageId) values.probability = stage.probability;
  }

  private async recordStageChange(manager: EntityManager, principal: Principal, record: OpportunityEntity, before: OpportunityEntity | undefined): Promise<void> {
    if (before && before.stageId === record.stageId) return;
    await manager.insert(OpportunityStageChangeEntity, {
      id: new OpportunityStageChangeEntity().id,
      opportunityId: record.id,
      fromStageId: before?.stageId ?? null,
      toStageId: record.stageId,
      changedBy: principal.userId,
      changedAt: new Date(),
    });
  }
}

const STAGE_KINDS: Record<OpportunityStatus, StageKind[]> = {
  [OpportunityStatus.Open]: [StageKind.Open],
  [OpportunityStatus.Won]: [StageKind.Won],
  [OpportunityStatus.Lost]: [StageKind.Lost],
  [OpportunityStatus.Closed]: [StageKind.Won, StageKind.Lost],
};

const listOptions = (query: OpportunityExportQueryDto): ListOptions => ({
  ...query,
  filters: { pipelineId: query.pipelineId, stageId: query.stageId, accountId: query.accountId, ownerId: query.ownerId },
  // An array of the stage ids rather than a join, so the planner can still walk the board's index in order.
  conditions: query.status
    ? [{ field: 'stageId', sql: `r.stage_id = any(array(select s.id from pipeline_stages s where s.kind in (:...stageKinds)))`, params: { stageKinds: STAGE_KINDS[query.status] } }]
    : [],
});

/** A validated decimal string (`\d+(\.\d{1,2})?`) with exactly two decimals and no leading zeros, by string operations only. */
export function normaliseAmount(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return `${whole.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(2, '0')}`;
}
