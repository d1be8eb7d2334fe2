import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppError } from '../http/app-error';
import { Endpoint } from '../http/endpoint.decorator';
import { ErrorCode } from '../http/error-code';
import { HealthDto } from './health.dto';
import { HealthService } from './health.service';

/** For load balancers and orchestrators; outside /api/v1 because it is not part of the versioned API. */
@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Endpoint({ summary: 'Liveness: the process is up', isPublic: true })
  getLiveness(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Endpoint({ summary: 'Readiness: the database answers', isPublic: true, errors: [503] })
  async getReadiness(): Promise<HealthDto> {
    if (!(await this.health.isDatabaseReachable())) throw new AppError(ErrorCode.ServiceUnavailable, 'The database does not answer');
    return { status: 'ok' };
  }
}
