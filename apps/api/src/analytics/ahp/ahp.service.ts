import { evaluateAhpModel, InputError, validateCriteriaShape, validatePairwiseMatrix, type AhpModelResult } from '@lianxi/analytics';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import { RECORD_ATTRIBUTE_FIELDS } from '../../access/record-attributes';
import { ScopedRecords } from '../../access/scoped-records';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../identity/auth/principal';
import { AppError } from '../../platform/http/app-error';
import { AHP_MODEL_FIELDS, type AhpModelDto, type AhpModelInputDto, type AhpModelPageDto, type AhpModelQueryDto, type CreateAhpModelDto, toAhpModelDto, type UpdateAhpModelDto } from './ahp.dto';
import { AhpModelEntity } from './ahp-model.entity';

const PROTECTED = [...AHP_MODEL_FIELDS, ...RECORD_ATTRIBUTE_FIELDS] as Array<keyof AhpModelDto & string>;

/**
 * Evaluates a model with @lianxi/analytics; its InputError (`criteria[1].comparisons[2][0]: 3 is not …`) becomes
 * a 400 naming that field.
 */
export function evaluateOrRefuse(model: Pick<AhpModelInputDto, 'criteria' | 'comparisons' | 'alternatives'>): AhpModelResult {
  return refusingBadInput(() => evaluateAhpModel({ criteria: model.criteria, comparisons: model.comparisons, alternatives: model.alternatives }));
}

function refusingBadInput<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const separator = error.message.indexOf(': ');
    throw separator > 0 ? AppError.validation(error.message.slice(0, separator), error.message.slice(separator + 2)) : AppError.validation('body', error.message);
  }
}

/** AHP models (R-ANA-4) through the permission engine; every response carries the model evaluated. */
@Injectable()
export class AhpService {
  readonly records: ScopedRecords<AhpModelEntity>;

  constructor(@InjectDataSource() dataSource: DataSource, access: AccessService, audit: AuditService) {
    this.records = new ScopedRecords(dataSource, access, audit, AhpModelEntity, {
      objectType: ObjectType.AhpModel,
      sortable: [],
      searchFields: ['name'],
      fields: [...AHP_MODEL_FIELDS],
      // The model as it will be saved (the fields sent over the stored ones) must be valid; checked after the
      // rights, in the write's transaction, so a refused write changes nothing.
      prepare: async (_manager, _principal, values, before) => {
        evaluateOrRefuse({
          criteria: values.criteria ?? before!.criteria,
          comparisons: values.comparisons ?? before!.comparisons,
          alternatives: values.alternatives ?? before!.alternatives,
        });
      },
    });
  }

  async list(principal: Principal, query: AhpModelQueryDto): Promise<AhpModelPageDto> {
    const { page, access } = await this.records.list(principal, query);
    return { ...page, data: page.data.map((model) => this.toDto(model, access)) };
  }

  async get(principal: Principal, id: string): Promise<AhpModelDto> {
    const { record, access, may } = await this.records.get(principal, id);
    return { ...this.toDto(record, access), myAccess: may };
  }

  async create(principal: Principal, dto: CreateAhpModelDto): Promise<AhpModelDto> {
    // Bad input is a 400 whoever sends it, before any rights are looked at (as the DTO checks are).
    evaluateOrRefuse(dto);
    const { record, access } = await this.records.create(principal, dto as Partial<AhpModelEntity>);
    return this.toDto(record, access);
  }

  async update(principal: Principal, id: string, dto: UpdateAhpModelDto, version: number | undefined): Promise<AhpModelDto> {
    // What can be judged without the stored model, before it is looked up; the whole is checked in `prepare`.
    refusingBadInput(() => {
      if (dto.comparisons !== undefined) validatePairwiseMatrix(dto.comparisons, 'comparisons');
      if (dto.criteria !== undefined) validateCriteriaShape(dto.criteria);
    });
    const { record, access, may } = await this.records.update(principal, id, dto as Partial<AhpModelEntity>, version);
    return { ...this.toDto(record, access), myAccess: may };
  }

  remove(principal: Principal, id: string, version: number | undefined): Promise<void> {
    return this.records.remove(principal, id, version);
  }

  /** The model as the caller may see it, evaluated — unless a field rule hides part of it (the result would reveal it). */
  private toDto(model: AhpModelEntity, access: ObjectAccess): AhpModelDto {
    const dto = access.project(toAhpModelDto(model), PROTECTED);
    const whole = ['criteria', 'comparisons', 'alternatives'].every((field) => this.records.readsInFull(access, field));
    return whole ? { ...dto, result: evaluateAhpModel({ criteria: model.criteria, comparisons: model.comparisons, alternatives: model.alternatives }) } : dto;
  }
}
