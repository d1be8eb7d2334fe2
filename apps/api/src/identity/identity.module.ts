import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ApiKeyController, MyApiKeyController } from './api-keys/api-key.controller';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ApiKeyService } from './api-keys/api-key.service';
import { ApiKeyStrategy } from './auth/api-key.strategy';
import { AuthController } from './auth/auth.controller';
import { AuthenticationGuard, RolesGuard } from './auth/auth.guards';
import { AuthService } from './auth/auth.service';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { LoginThrottleService } from './auth/login-throttle.service';
import { PasswordResetTokenEntity } from './passwords/password-reset-token.entity';
import { PasswordService } from './passwords/password.service';
import { RoleGrantRequestEntity } from './role-grants/role-grant-request.entity';
import { RoleGrantController } from './role-grants/role-grant.controller';
import { RoleGrantService } from './role-grants/role-grant.service';
import { RoleController } from './roles/role.controller';
import { RoleEntity } from './roles/role.entity';
import { RoleService } from './roles/role.service';
import { RefreshTokenEntity, SessionEntity } from './sessions/session.entity';
import { SessionService } from './sessions/session.service';
import { TeamController } from './teams/team.controller';
import { TeamEntity } from './teams/team.entity';
import { TeamService } from './teams/team.service';
import { DirectoryController } from './users/directory.controller';
import { MeController } from './users/me.controller';
import { PartnerAccountEntity } from './users/partner-account.entity';
import { UserController } from './users/user.controller';
import { UserEntity } from './users/user.entity';
import { UserService } from './users/user.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, TeamEntity, RoleEntity, PartnerAccountEntity, SessionEntity, RefreshTokenEntity, PasswordResetTokenEntity, RoleGrantRequestEntity, ApiKeyEntity]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, MeController, MyApiKeyController, UserController, TeamController, RoleController, RoleGrantController, DirectoryController, ApiKeyController],
  providers: [
    AuthService,
    LocalStrategy,
    ApiKeyStrategy,
    JwtStrategy,
    LoginThrottleService,
    SessionService,
    PasswordService,
    UserService,
    RoleService,
    TeamService,
    RoleGrantService,
    ApiKeyService,
    // Order matters: authenticate first, then check roles.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [UserService, AuthService],
})
export class IdentityModule {}
