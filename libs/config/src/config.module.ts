import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/** Injection token of the validated AppConfig (loaded once at boot, by main or the CLI). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Hands the configuration loaded at boot to every module; nothing below reads the environment. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
