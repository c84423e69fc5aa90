// Writes tests/BatchService.Tests/Input/Fixtures/foreign-parquetjs.parquet (see README.md there).
const parquet = require('parquetjs-lite');
(async () => {
  const schema = new parquet.ParquetSchema({
    id: { type: 'UTF8' },
    text: { type: 'UTF8' },
    count: { type: 'INT64' },
    meta: { fields: { lang: { type: 'UTF8' }, score: { type: 'DOUBLE' } } },
    note: { type: 'UTF8', optional: true },
  });
  const writer = await parquet.ParquetWriter.openFile(schema, process.argv[2]);
  writer.setRowGroupSize(3);
  const rows = [
    ['r1', 'hello', 1, 'en', 0.5, 'first'],
    ['r2', 'bonjour', 2, 'fr', 1.25, null],
    ['r3', '東京', 3, 'ja', 2, 'third'],
    ['r4', 'hola', 4, 'es', -1.5, null],
    ['r5', 'ciao', 5, 'it', 0, 'fifth'],
    ['r6', 'hallo', 6, 'de', 3.75, null],
    ['r7', 'olá', 7, 'pt', 9.5, 'last'],
  ];
  for (const [id, text, count, lang, score, note] of rows) {
    const row = { id, text, count, meta: { lang, score } };
    if (note !== null) row.note = note;
    await writer.appendRow(row);
  }
  await writer.close();
})();
