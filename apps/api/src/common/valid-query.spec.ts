import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DomainError } from '@rampart/domain';
import request from 'supertest';
import { z } from 'zod';
import { DomainExceptionFilter } from './domain-exception.filter';
import { ValidQuery, ZodQueryPipe, param, parseQuery } from './valid-query';

const schema = z.object({
  format: param.oneOf(['yaml', 'json']).default('yaml'),
  dryRun: param.flag(),
  first: param.wholeNumber(1, 100).default(20),
  asOf: param.isoDate().optional(),
  name: param.text().optional(),
});

/** The message parseQuery throws for a query, or undefined when it parses. */
function refusal(query: unknown, s: z.ZodType = schema): string | undefined {
  try {
    parseQuery(s, query);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('VALIDATION_FAILED');
    return (e as Error).message;
  }
}

describe('parseQuery', () => {
  it('answers the typed parameters, defaults filled in', () => {
    expect(parseQuery(schema, {})).toEqual({ format: 'yaml', dryRun: false, first: 20 });
    expect(
      parseQuery(schema, { format: 'json', dryRun: '1', first: '100', asOf: '2026-11-23', name: 'a b' }),
    ).toEqual({ format: 'json', dryRun: true, first: 100, asOf: '2026-11-23', name: 'a b' });
  });

  it('reads a query object without a prototype (what the query parser makes) and a missing one', () => {
    const query = Object.assign(Object.create(null) as object, { dryRun: 'true' });
    expect(parseQuery(schema, query).dryRun).toBe(true);
    expect(parseQuery(schema, undefined)).toEqual({ format: 'yaml', dryRun: false, first: 20 });
  });

  it('drops parameters the schema does not name', () => {
    expect(parseQuery(schema, { _: '123', other: 'x' })).toEqual({
      format: 'yaml',
      dryRun: false,
      first: 20,
    });
  });

  it('names the parameter, what it must be and what it was', () => {
    expect(refusal({ format: 'xml' })).toBe('format must be one of yaml, json; got "xml".');
    expect(refusal({ first: '0' })).toBe('first must be a whole number from 1 to 100; got "0".');
    expect(refusal({ asOf: 'tomorrow' })).toBe(
      'asOf must be an ISO date such as 2026-11-23; got "tomorrow".',
    );
    expect(refusal({ dryRun: 'yes' })).toBe('dryRun must be true, false, 1 or 0; got "yes".');
  });

  it('says a required parameter left out was not given', () => {
    expect(refusal({}, z.object({ id: param.text() }))).toBe('id must be a single value; got nothing.');
  });

  it('refuses a repeated parameter whatever its type', () => {
    expect(refusal({ name: ['a', 'b'] })).toBe('name must be given once; got ["a","b"].');
    expect(refusal({ format: ['json', 'json'] })).toBe('format must be given once; got ["json","json"].');
  });

  it('says every bad parameter, each once', () => {
    expect(refusal({ format: 'xml', first: 'many', dryRun: 'yes' })).toBe(
      'format must be one of yaml, json; got "xml". dryRun must be true, false, 1 or 0; got "yes". ' +
        'first must be a whole number from 1 to 100; got "many".',
    );
  });

  it('cuts a long value short in the message', () => {
    const message = refusal({ format: 'x'.repeat(5000) })!;
    expect(message.length).toBeLessThan(200);
    expect(message).toMatch(/got "x+\.\.\.\.$/);
  });
});

describe('param', () => {
  const one = <S extends z.ZodType>(field: S, value: unknown) => field.safeParse(value);

  it('flag: true and 1 are true; false, 0 and leaving it out false; nothing else', () => {
    expect(['true', '1', 'false', '0', undefined].map((v) => one(param.flag(), v).data)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    for (const v of ['', 'yes', 'TRUE', 'on', '2']) expect(one(param.flag(), v).success).toBe(false);
  });

  it('wholeNumber: digits only, within the bounds', () => {
    const n = param.wholeNumber(1, 1000);
    expect(one(n, '1').data).toBe(1);
    expect(one(n, '1000').data).toBe(1000);
    expect(one(n, '007').data).toBe(7);
    for (const v of ['0', '1001', '', ' 5', '5 ', '-1', '+1', '1.5', '1e2', '0x10', 'NaN', '9'.repeat(20)]) {
      expect(one(n, v).success).toBe(false);
    }
  });

  it('isoDate: YYYY-MM-DD and a date', () => {
    expect(one(param.isoDate(), '2026-11-23').data).toBe('2026-11-23');
    for (const v of ['2026-11-23T00:00:00Z', '23.11.2026', '2026-13-01', '2026-1-1', '']) {
      expect(one(param.isoDate(), v).success).toBe(false);
    }
  });

  it('oneOf: the values only, and the wording given', () => {
    const f = param.oneOf(['a', 'b'], 'a letter (a or b)');
    expect(one(f, 'b').data).toBe('b');
    expect(refusal({ f: 'c' }, z.object({ f }))).toBe('f must be a letter (a or b); got "c".');
  });

  it('text: any one string, the empty one too', () => {
    expect(one(param.text(), '').data).toBe('');
    expect(one(param.text(), ['a']).success).toBe(false);
  });
});

@Controller('probe')
class ProbeController {
  @Get()
  probe(@ValidQuery(schema) q: z.output<typeof schema>) {
    return q;
  }
}

describe('@ValidQuery', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = module.createNestApplication({ logger: false });
    app.useGlobalFilters(new DomainExceptionFilter());
    await app.init();
  });

  afterAll(() => app.close());

  it('hands the handler the parsed query', async () => {
    const res = await request(app.getHttpServer()).get('/probe?format=json&dryRun=1&other=x').expect(200);
    expect(res.body).toEqual({ format: 'json', dryRun: true, first: 20 });
  });

  it('answers an invalid one 400 VALIDATION_FAILED, as every validation error', async () => {
    const res = await request(app.getHttpServer()).get('/probe?format=xml').expect(400);
    expect(res.body).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'format must be one of yaml, json; got "xml".' },
    });
    const twice = await request(app.getHttpServer()).get('/probe?first=1&first=2').expect(400);
    expect(twice.body.error.message).toBe('first must be given once; got ["1","2"].');
  });

  it('is a pipe that can be used alone', () => {
    expect(new ZodQueryPipe(schema).transform({ first: '3' })).toEqual({
      format: 'yaml',
      dryRun: false,
      first: 3,
    });
  });
});
