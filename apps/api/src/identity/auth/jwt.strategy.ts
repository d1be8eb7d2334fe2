import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { AccessTokenClaims, AuthService } from './auth.service';
import type { Principal } from './principal';

/** Bearer access tokens: signature and expiry by passport-jwt, then a live session and active user from the database. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given a string, jsonwebtoken builds one on every verification (~8% of a request's CPU).
      // jsonwebtoken accepts KeyObjects; @types/passport-jwt only lists string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<Principal> {
    const uuid = /^[0-9a-f-]{36}$/i;
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !uuid.test(claims.sub) || !uuid.test(claims.sid)) {
      throw new AppError(ErrorCode.Unauthenticated, 'The access token is not valid');
    }
    const principal = await this.auth.principalFor({ sub: claims.sub, sid: claims.sid });
    if (!principal) throw new AppError(ErrorCode.Unauthenticated, 'The session has ended; sign in again');
    return principal;
  }
}
