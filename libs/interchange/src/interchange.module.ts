import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rampart/config';
import { GRAPH_CONTEXT, GraphContext } from '@rampart/graph';
import { EntityEditor } from './edit/entity-editor';
import { Exporter } from './export/exporter';
import { InterchangeService } from './front-door/interchange.service';
import { NativeImporter } from './native/native-importer';
import { StixImporter } from './stix/stix-importer';

/** Import and export, one front door (InterchangeService) and the edits. Needs ConfigModule and GraphModule. */
@Module({
  providers: [
    {
      provide: NativeImporter,
      useFactory: (g: GraphContext, c: AppConfig) => new NativeImporter(g, c.importLimits),
      inject: [GRAPH_CONTEXT, APP_CONFIG],
    },
    {
      provide: StixImporter,
      useFactory: (g: GraphContext, c: AppConfig) => new StixImporter(g, c.importLimits),
      inject: [GRAPH_CONTEXT, APP_CONFIG],
    },
    { provide: Exporter, useFactory: (g: GraphContext) => new Exporter(g), inject: [GRAPH_CONTEXT] },
    {
      provide: EntityEditor,
      useFactory: (g: GraphContext, i: NativeImporter) => new EntityEditor(g, i),
      inject: [GRAPH_CONTEXT, NativeImporter],
    },
    InterchangeService,
  ],
  exports: [InterchangeService, EntityEditor],
})
export class InterchangeModule {}
