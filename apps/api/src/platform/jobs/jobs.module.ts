import { Global, Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/** Global: any module may register background jobs (see JobsService). */
@Global()
@Module({
  providers: [JobsService],
  exports: [JobsService],
})
export class JobsModule {}
