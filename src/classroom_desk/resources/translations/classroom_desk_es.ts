<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>ActivityFields</name>
    <message>
        <source>Student ID</source>
        <translation>ID del estudiante</translation>
    </message>
    <message>
        <source>Student name</source>
        <translation>Nombre del estudiante</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>Content area</source>
        <translation>Materia</translation>
    </message>
    <message>
        <source>Unit code</source>
        <translation>Código de la unidad</translation>
    </message>
    <message>
        <source>Unit title</source>
        <translation>Título de la unidad</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puntaje</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>Puntos obtenidos</translation>
    </message>
    <message>
        <source>Points possible</source>
        <translation>Puntos posibles</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Attempt ID</source>
        <translation>ID del intento</translation>
    </message>
    <message>
        <source>Date range start</source>
        <translation>Inicio del período</translation>
    </message>
    <message>
        <source>Date range end</source>
        <translation>Fin del período</translation>
    </message>
    <message>
        <source>Units completed</source>
        <translation>Unidades completadas</translation>
    </message>
    <message>
        <source>Units passed</source>
        <translation>Unidades aprobadas</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>Puntaje promedio</translation>
    </message>
</context>
<context>
    <name>ActivityImport</name>
    <message>
        <source>expected a gradebook: {missing} is missing</source>
        <extracomment>Results that carry a grade; any other scoreStatus is work not graded yet.</extracomment>
        <translation>se esperaba un libro de calificaciones: falta {missing}</translation>
    </message>
    <message>
        <source>expected a student of this school&apos;s roster; found {key} ({rows} result)</source>
        <translation>se esperaba un estudiante de la lista de esta escuela; se encontró {key} ({rows} resultado)</translation>
    </message>
    <message>
        <source>expected a student of this school&apos;s roster; found {key} ({rows} results)</source>
        <translation>se esperaba un estudiante de la lista de esta escuela; se encontró {key} ({rows} resultados)</translation>
    </message>
    <message>
        <source>{count} result not graded yet or to be deleted was left out.</source>
        <translation>Se dejó fuera {count} resultado aún sin calificar o por eliminar.</translation>
    </message>
    <message>
        <source>{count} results not graded yet or to be deleted were left out.</source>
        <translation>Se dejaron fuera {count} resultados aún sin calificar o por eliminar.</translation>
    </message>
    <message>
        <source>expected a column named {name}</source>
        <translation>se esperaba una columna llamada {name}</translation>
    </message>
    <message>
        <source>content area</source>
        <translation>materia</translation>
    </message>
    <message>
        <source>expected a header row naming the columns</source>
        <extracomment>A problem with the row as a whole: (column number, what was expected).</extracomment>
        <translation>se esperaba una fila de encabezado que nombre las columnas</translation>
    </message>
    <message>
        <source>expected a sourcedId; it is empty</source>
        <translation>se esperaba un sourcedId; está vacío</translation>
    </message>
    <message>
        <source>expected a title; it is empty</source>
        <translation>se esperaba un título; está vacío</translation>
    </message>
    <message>
        <source>expected a class or category that says the content area of {title} (or one content area chosen for the whole gradebook)</source>
        <translation>se esperaba una clase o categoría que indique la materia de {title} (o una materia elegida para todo el libro de calificaciones)</translation>
    </message>
    <message>
        <source>expected a number; found {text}</source>
        <translation>se esperaba un número; se encontró {text}</translation>
    </message>
    <message>
        <source>expected resultValueMax above resultValueMin ({low}); found {high}</source>
        <translation>se esperaba un resultValueMax mayor que resultValueMin ({low}); se encontró {high}</translation>
    </message>
    <message>
        <source>a line item of lineItems.csv; found {item_id}</source>
        <translation>un elemento de lineItems.csv; se encontró {item_id}</translation>
    </message>
    <message>
        <source>a studentSourcedId; it is empty</source>
        <translation>un studentSourcedId; está vacío</translation>
    </message>
    <message>
        <source>a score; found {score_text}</source>
        <translation>un puntaje; se encontró {score_text}</translation>
    </message>
    <message>
        <source>a score from {low} to {high} (the line item&apos;s resultValueMin and resultValueMax); found {score_text}</source>
        <translation>un puntaje de {low} a {high} (resultValueMin y resultValueMax del elemento); se encontró {score_text}</translation>
    </message>
    <message>
        <source>one student; several are named {key} (you will be asked)</source>
        <extracomment>What was expected instead, or None when the cell is fine. A problem with the row as a whole (too many values), if any.</extracomment>
        <translation>un solo estudiante; varios se llaman {key} (se le preguntará)</translation>
    </message>
    <message>
        <source>a student of this school; none matches {key} (you will be asked)</source>
        <translation>un estudiante de esta escuela; ninguno coincide con {key} (se le preguntará)</translation>
    </message>
    <message>
        <source>No column holds the date of the activity, so the file is taken as covering the school week it was written in; choose the week if it covers another.</source>
        <extracomment>A date this long after the file was written is not when the activity happened. Share of a column&apos;s filled cells that must read as the field&apos;s kind of value. Dates that are about something else than the activity: when access expires, when work is due or opens, a birthday, a log-in, when something was assigned or created. Columns that looked right by name but not by their values, and other notes.</extracomment>
        <translation>Ninguna columna tiene la fecha de la actividad, así que se considera que el archivo cubre la semana escolar en que se escribió; elija la semana si cubre otra.</translation>
    </message>
    <message>
        <source>its name says it is about something else</source>
        <translation>su nombre dice que trata de otra cosa</translation>
    </message>
    <message>
        <source>&apos;{header}&apos; is not the {label}: {misfit}.</source>
        <translation>&apos;{header}&apos; no es el campo {label}: {misfit}.</translation>
    </message>
    <message>
        <source>its name</source>
        <translation>su nombre</translation>
    </message>
    <message>
        <source>a word in its name</source>
        <translation>una palabra de su nombre</translation>
    </message>
    <message>
        <source>&apos;{header}&apos;, by {how}{values_note}</source>
        <translation>&apos;{header}&apos;, por {how}{values_note}</translation>
    </message>
    <message>
        <source>activity date</source>
        <translation>fecha de la actividad</translation>
    </message>
    <message>
        <source>its values are not dates (such as {example})</source>
        <translation>sus valores no son fechas (como {example})</translation>
    </message>
    <message>
        <source>its dates (such as {typical}, {typical_year}) are months after the file was written ({today}, {today_year})</source>
        <translation>sus fechas (como {typical} de {typical_year}) son meses posteriores a la fecha en que se escribió el archivo ({today} de {today_year})</translation>
    </message>
    <message>
        <source>its values are not durations (such as {example})</source>
        <translation>sus valores no son duraciones (como {example})</translation>
    </message>
    <message>
        <source>its values are not scores (such as {example})</source>
        <translation>sus valores no son puntajes (como {example})</translation>
    </message>
    <message>
        <source>it has values over 100, so it is no percent score</source>
        <translation>tiene valores mayores que 100, así que no es un puntaje en porcentaje</translation>
    </message>
    <message>
        <source>its values are not counts (such as {example})</source>
        <translation>sus valores no son cantidades (como {example})</translation>
    </message>
    <message>
        <source>; its values are dates (such as {example})</source>
        <translation>; sus valores son fechas (como {example})</translation>
    </message>
    <message>
        <source>; its values are durations (such as {example})</source>
        <translation>; sus valores son duraciones (como {example})</translation>
    </message>
    <message>
        <source>&apos;{header}&apos; looked like a {field}, but the file has no other end of the range.</source>
        <translation>&apos;{header}&apos; parecía ser el campo {field}, pero el archivo no tiene el otro extremo del período.</translation>
    </message>
    <message>
        <source>; its values are fractions (0.79 means 79%)</source>
        <translation>; sus valores son fracciones (0.79 significa 79%)</translation>
    </message>
    <message>
        <source>; values such as 12:30 are read as minutes and seconds (as hours, one activity would last half a day)</source>
        <translation>; valores como 12:30 se leen como minutos y segundos (como horas, una actividad duraría medio día)</translation>
    </message>
    <message>
        <source>a number; found {text}</source>
        <extracomment>Date-only values are taken as local midday, safely inside their school day. ``4h46m``, ``1 h 35 min``, ``1.5 hours``, ``95m``, ``12m30s``: each part optional. What vendors write in a time cell for &quot;none recorded&quot;.</extracomment>
        <translation>un número; se encontró {text}</translation>
    </message>
    <message>
        <source>a score from 0 to 100; the cell is empty</source>
        <translation>un puntaje de 0 a 100; la celda está vacía</translation>
    </message>
    <message>
        <source>a score from 0 to 100; found {text}</source>
        <translation>un puntaje de 0 a 100; se encontró {text}</translation>
    </message>
    <message>
        <source>a fraction from 0 to 1, as in the rest of this column (0.79 for 79%); found {text}</source>
        <translation>una fracción de 0 a 1, como en el resto de esta columna (0.79 para 79%); se encontró {text}</translation>
    </message>
    <message>
        <source>a number of points; the cell is empty</source>
        <translation>una cantidad de puntos; la celda está vacía</translation>
    </message>
    <message>
        <source>a number of points; found {text}</source>
        <translation>una cantidad de puntos; se encontró {text}</translation>
    </message>
    <message>
        <source>a number of points of 0 or more; found {text}</source>
        <translation>una cantidad de puntos de 0 o más; se encontró {text}</translation>
    </message>
    <message>
        <source>minutes as a number or a duration (such as 95, 1:35 or 1h35m); found {text}</source>
        <translation>minutos como número o duración (como 95, 1:35 o 1h35m); se encontró {text}</translation>
    </message>
    <message>
        <source>minutes of 0 or more; found {text}</source>
        <translation>minutos de 0 o más; se encontró {text}</translation>
    </message>
    <message>
        <source>at most {most} minutes; found {text} (is it seconds?)</source>
        <translation>como máximo {most} minutos; se encontró {text} (¿son segundos?)</translation>
    </message>
    <message>
        <source>a whole number of 0 or more; found {text}</source>
        <translation>un número entero de 0 o más; se encontró {text}</translation>
    </message>
    <message>
        <source>a date such as 2026-11-16 or 11/16/2026; the cell is empty</source>
        <translation>una fecha como 2026-11-16 o 11/16/2026; la celda está vacía</translation>
    </message>
    <message>
        <source>a time such as 14:05 or 2:05 PM after the date; found {text}</source>
        <translation>una hora como 14:05 o 2:05 PM después de la fecha; se encontró {text}</translation>
    </message>
    <message>
        <source>an hour from 1 to 12 before AM or PM; found {text}</source>
        <translation>una hora de 1 a 12 antes de AM o PM; se encontró {text}</translation>
    </message>
    <message>
        <source>a real time of day; found {text}</source>
        <translation>una hora del día que exista; se encontró {text}</translation>
    </message>
    <message>
        <source>a real date (year/month/day); found {original}</source>
        <translation>una fecha que exista (año/mes/día); se encontró {original}</translation>
    </message>
    <message>
        <source>a date such as 2026-11-16 or 11/16/2026; found {original}</source>
        <translation>una fecha como 2026-11-16 o 11/16/2026; se encontró {original}</translation>
    </message>
    <message>
        <source>day/month/year</source>
        <translation>día/mes/año</translation>
    </message>
    <message>
        <source>month/day/year</source>
        <translation>mes/día/año</translation>
    </message>
    <message>
        <source>a real date ({order}); found {original}</source>
        <translation>una fecha que exista ({order}); se encontró {original}</translation>
    </message>
    <message>
        <source>Imported unit attempts from {source} ({file}): {rows} rows read, {added} added, {unchanged} already there</source>
        <extracomment>Staged attempts per sorted run (see ``_AttemptStage._by_time``): a run&apos;s B-tree, a few MB, stays in the scratch file&apos;s page cache while it is written. Rows staged per statement; an import with a sink streams each chunk&apos;s attempts to it. At most this many runs are merged (SQLite&apos;s limit on one compound query is 500). A staged attempt&apos;s source (the import&apos;s source, the one parameter, and the vendor&apos;s id). Rows already in the store from an earlier import (attempts) or unchanged (summaries). Summaries whose totals the file corrected. Rows left out because the teacher chose to skip their student, by the file&apos;s name.</extracomment>
        <translation>Intentos de unidades importados de {source} ({file}): {rows} filas leídas, {added} añadidas, {unchanged} ya estaban</translation>
    </message>
    <message>
        <source>Imported weekly summaries from {source} ({file}): {rows} rows read, {added} added, {unchanged} already there</source>
        <translation>Resúmenes semanales importados de {source} ({file}): {rows} filas leídas, {added} añadidas, {unchanged} ya estaban</translation>
    </message>
    <message>
        <source>, {count} corrected</source>
        <translation>, {count} corregidas</translation>
    </message>
    <message>
        <source>New units: {units} and {more} more.</source>
        <translation>Unidades nuevas: {units} y {more} más.</translation>
    </message>
    <message>
        <source>New units: {units}.</source>
        <translation>Unidades nuevas: {units}.</translation>
    </message>
    <message>
        <source>Skipped as asked: {skipped}.</source>
        <translation>Omitidas según lo pedido: {skipped}.</translation>
    </message>
    <message>
        <source>Columns not used: {columns}.</source>
        <translation>Columnas no usadas: {columns}.</translation>
    </message>
    <message>
        <source>expected a school to import into (import a roster first)</source>
        <translation>se esperaba una escuela en la que importar (primero importe una lista de estudiantes)</translation>
    </message>
    <message>
        <source>expected each attempt ID once; line {line} has this one too</source>
        <extracomment>Staged rows per unit, so that only units some attempt uses are created. Units already handed to the sink, and where the new ones&apos; positions start.</extracomment>
        <translation>se esperaba cada ID de intento una sola vez; la línea {line} también tiene este</translation>
    </message>
    <message>
        <source>expected one row per student, content area and date range; line {line} has the same</source>
        <translation>se esperaba una fila por estudiante, materia y período; la línea {line} tiene los mismos</translation>
    </message>
    <message>
        <source>dates</source>
        <extracomment>Ids of imported rows (units, attempts, summaries) are derived from what they are, so a re-import finds the same rows instead of adding them again. Spellings of content areas beyond their own names and ids.</extracomment>
        <translation>fechas</translation>
    </message>
    <message>
        <source>expected the days the file covers within one school week; {first} to {last} is not (export it one week at a time)</source>
        <translation>se esperaba que los días que cubre el archivo estuvieran en una sola semana escolar; del {first} al {last} no lo están (expórtelo semana por semana)</translation>
    </message>
    <message>
        <source>none yet (import a roster first)</source>
        <translation>ninguna aún (primero importe una lista de estudiantes)</translation>
    </message>
    <message>
        <source>a content area of this school ({known}); found {text}</source>
        <translation>una materia de esta escuela ({known}); se encontró {text}</translation>
    </message>
    <message>
        <source>expected a column named {header} (the mapping reads {field} from it)</source>
        <translation>se esperaba una columna llamada {header} (la correspondencia lee de ella el campo {field})</translation>
    </message>
    <message>
        <source>at most {width} values, as in the header; this row has {count} (an unquoted comma in a value?)</source>
        <translation>como máximo {width} valores, como en el encabezado; esta fila tiene {count} (¿una coma sin comillas en un valor?)</translation>
    </message>
    <message>
        <source>a student ID or name; the cells are empty</source>
        <translation>un ID o nombre de estudiante; las celdas están vacías</translation>
    </message>
    <message>
        <source>a unit code or title; the cells are empty</source>
        <translation>un código o título de unidad; las celdas están vacías</translation>
    </message>
    <message>
        <source>no more units passed than completed ({completed}); found {passed}</source>
        <translation>no más unidades aprobadas que completadas ({completed}); se encontró {passed}</translation>
    </message>
    <message>
        <source>a date on or after {start}; found {end}</source>
        <translation>una fecha igual o posterior a {start}; se encontró {end}</translation>
    </message>
    <message>
        <source>a date range within one school week ({start} is in the week of {week_of}); export the summary one week at a time</source>
        <translation>un período dentro de una sola semana escolar ({start} está en la semana del {week_of}); exporte el resumen semana por semana</translation>
    </message>
    <message>
        <source>points possible above 0; found {possible}</source>
        <translation>puntos posibles mayores que 0; se encontró {possible}</translation>
    </message>
    <message>
        <source>no more points than the {possible} possible; found {earned}</source>
        <translation>no más puntos que los {possible} posibles; se encontró {earned}</translation>
    </message>
    <message>
        <source>{start} to {end}, {year}</source>
        <extracomment>The fields the mapping dialog offers for each kind of export, in dialog order.</extracomment>
        <translation>del {start} al {end} de {year}</translation>
    </message>
    <message>
        <source>the school week the file was written in</source>
        <translation>la semana escolar en que se escribió el archivo</translation>
    </message>
    <message>
        <source>a student ID or name column (or first and last name)</source>
        <translation>una columna con el ID o el nombre del estudiante (o nombre y apellido)</translation>
    </message>
    <message>
        <source>a content-area column or one content area for the whole file</source>
        <translation>una columna de materia o una materia para todo el archivo</translation>
    </message>
    <message>
        <source>a unit code or title column</source>
        <translation>una columna con el código o el título de la unidad</translation>
    </message>
    <message>
        <source>a score column (or points earned and points possible)</source>
        <translation>una columna de puntaje (o puntos obtenidos y puntos posibles)</translation>
    </message>
    <message>
        <source>a date column or the week the file covers</source>
        <translation>una columna de fecha o la semana que cubre el archivo</translation>
    </message>
    <message>
        <source>date range start and end columns or the week the file covers</source>
        <translation>columnas de inicio y fin del período o la semana que cubre el archivo</translation>
    </message>
    <message>
        <source>a {field} column</source>
        <translation>una columna «{field}»</translation>
    </message>
    <message>
        <source>{rows} row, first on line {line}</source>
        <translation>{rows} fila, la primera en la línea {line}</translation>
    </message>
    <message>
        <source>{rows} rows, first on line {line}</source>
        <translation>{rows} filas, la primera en la línea {line}</translation>
    </message>
    <message>
        <source>{key} could be {count} students ({rows}): which one?</source>
        <translation>{key} podría ser {count} estudiantes ({rows}): ¿cuál?</translation>
    </message>
    <message>
        <source>No student matches {key} ({rows}): who is it, or skip these rows?</source>
        <translation>Ningún estudiante coincide con {key} ({rows}): ¿quién es, u omito estas filas?</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>Students</source>
        <extracomment>What a teacher recognises, in the order shown: (table, words for its rows).</extracomment>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Conference notes</source>
        <translation>Notas de conferencia</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Metas</translation>
    </message>
    <message>
        <source>Reassignments</source>
        <translation>Reasignaciones</translation>
    </message>
    <message>
        <source>Learner profiles</source>
        <translation>Perfiles de estudiante</translation>
    </message>
    <message>
        <source>Unit scores</source>
        <translation>Puntajes de unidades</translation>
    </message>
    <message>
        <source>daily backup</source>
        <translation>copia diaria</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>antes de una restauración</translation>
    </message>
    <message>
        <source>before a roster import</source>
        <translation>antes de importar una lista</translation>
    </message>
    <message>
        <source>demo before it was rebuilt</source>
        <translation>demostración antes de rehacerla</translation>
    </message>
    <message>
        <source>before an app upgrade</source>
        <translation>antes de actualizar la aplicación</translation>
    </message>
    <message>
        <source>{weekday} {day} {month} {year} {time}</source>
        <translation>{weekday} {day} {month} {year} {time}</translation>
    </message>
    <message>
        <source>The backup {name} cannot be read ({error}); nothing was changed.</source>
        <extracomment>rows the restore would take away rows the restore would bring back</extracomment>
        <translation>No se puede leer la copia de seguridad {name} ({error}); no se cambió nada.</translation>
    </message>
    <message>
        <source>{count} saved since would go</source>
        <translation>se perderían {count} guardados desde entonces</translation>
    </message>
    <message>
        <source>{count} would come back</source>
        <translation>volverían {count}</translation>
    </message>
    <message>
        <source>{what}: {now} now, {then} in the backup</source>
        <translation>{what}: {now} ahora, {then} en la copia</translation>
    </message>
    <message>
        <source>The backup holds the same records as the store now.</source>
        <translation>La copia tiene los mismos registros que los datos actuales.</translation>
    </message>
    <message>
        <source>The backup {name} is damaged ({problems}).</source>
        <translation>La copia de seguridad {name} está dañada ({problems}).</translation>
    </message>
    <message>
        <source>The backup {name} cannot be restored ({error}); nothing was changed.</source>
        <translation>No se puede restaurar la copia de seguridad {name} ({error}); no se cambió nada.</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Drawing the chart…</source>
        <translation>Dibujando la gráfica…</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;PNG image (*.png);;CSV, the points (*.csv)</source>
        <translation>PDF (*.pdf);;Imagen PNG (*.png);;CSV, los puntos (*.csv)</translation>
    </message>
    <message>
        <source>Class chart · {title}</source>
        <translation>Gráfica de la clase · {title}</translation>
    </message>
    <message>
        <source>Class chart</source>
        <translation>Gráfica de la clase</translation>
    </message>
    <message>
        <source>Each student a point: minutes this week across, average unit score up; the dashed lines are the school&apos;s minutes and average targets</source>
        <translation>Cada estudiante es un punto: los minutos de esta semana en horizontal, el promedio de las unidades en vertical; las líneas punteadas son las metas de minutos y de promedio de la escuela</translation>
    </message>
    <message>
        <source>{count} students plotted. Click a point, or choose a student and press Enter, to open them in the roster.</source>
        <translation>{count} estudiantes en la gráfica. Haga clic en un punto, o elija un estudiante y pulse Intro, para abrirlo en la lista.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save the chart as PDF or PNG, or its points as CSV</source>
        <translation>Guardar la gráfica como PDF o PNG, o sus puntos como CSV</translation>
    </message>
    <message>
        <source>Student to open</source>
        <translation>Estudiante para abrir</translation>
    </message>
    <message>
        <source>&amp;Student</source>
        <translation>&amp;Estudiante</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Export the class chart</source>
        <translation>Exportar la gráfica de la clase</translation>
    </message>
    <message>
        <source>Exported: {file}</source>
        <translation>Exportado: {file}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>No se pudo exportar</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutos</translation>
    </message>
    <message>
        <source>average %</source>
        <translation>promedio %</translation>
    </message>
    <message>
        <source>minutes this week (line: {minutes})</source>
        <translation>minutos esta semana (línea: {minutes})</translation>
    </message>
    <message>
        <source>average unit score % (line: {average})</source>
        <translation>promedio de las unidades % (línea: {average})</translation>
    </message>
    <message>
        <source>No scored units, not shown: {names}</source>
        <translation>Sin unidades calificadas, no se muestran: {names}</translation>
    </message>
</context>
<context>
    <name>Column</name>
    <message>
        <source>To
reassign</source>
        <extracomment>The student id of a row, for views and tests that need to know who a row is. The row&apos;s ``Status``, so a delegate or a test can read status without parsing text.</extracomment>
        <translation>Para
reasignar</translation>
    </message>
    <message>
        <source>Goals
met</source>
        <translation>Metas
cumplidas</translation>
    </message>
    <message>
        <source>Last
seen</source>
        <translation>Última
conferencia</translation>
    </message>
    <message>
        <source>Last
activity</source>
        <translation>Última
actividad</translation>
    </message>
    <message>
        <source>Right-click a column title to show or hide columns.</source>
        <translation>Haga clic derecho en el título de una columna para mostrar u ocultar columnas.</translation>
    </message>
    <message>
        <source>Student name (sorts by family name)</source>
        <translation>Nombre del estudiante (ordena por apellido)</translation>
    </message>
    <message>
        <source>On track when every weekly target is met; otherwise what is missing: time (minutes), mastery (the average), units (mastered); or no activity</source>
        <translation>Al día cuando cumple todas las metas de la semana; si no, lo que falta: tiempo (minutos), dominio (el promedio), unidades (dominadas); o sin actividad</translation>
    </message>
    <message>
        <source>Minutes of learning this week (expected: {minutes})</source>
        <translation>Minutos de aprendizaje esta semana (se esperan: {minutes})</translation>
    </message>
    <message>
        <source>Units scored {mastery}% or more this week (expected: {units})</source>
        <translation>Unidades con {mastery}% o más esta semana (se esperan: {units})</translation>
    </message>
    <message>
        <source>Average unit score this week, each unit&apos;s latest score (expected: {average}%)</source>
        <translation>Promedio de las unidades esta semana, con el último puntaje de cada una (se espera: {average}%)</translation>
    </message>
    <message>
        <source>Units whose latest score is under {mastery}% and that were not reassigned since</source>
        <translation>Unidades cuyo último puntaje es menor que {mastery}% y que no se han reasignado desde entonces</translation>
    </message>
    <message>
        <source>Tutoring sessions and minutes this week (in a tutoring group)</source>
        <translation>Sesiones y minutos de tutoría esta semana (en un grupo de tutoría)</translation>
    </message>
    <message>
        <source>Days since the last conference note</source>
        <translation>Días desde la última nota de conferencia</translation>
    </message>
    <message>
        <source>Day of the latest unit completed, up to this week&apos;s end</source>
        <translation>Día de la última unidad completada, hasta el fin de esta semana</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Mastered</source>
        <translation>Dominadas</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Promedio</translation>
    </message>
    <message>
        <source>To reassign</source>
        <translation>Para reasignar</translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation>Reasignadas</translation>
    </message>
    <message>
        <source>Goals met</source>
        <translation>Metas cumplidas</translation>
    </message>
    <message>
        <source>Tutoring</source>
        <translation>Tutoría</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Última conferencia</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Última actividad</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Use that</source>
        <translation>Usar ese</translation>
    </message>
    <message>
        <source>Write this value back, as a new change that syncs</source>
        <translation>Volver a escribir este valor, como un cambio nuevo que se sincroniza</translation>
    </message>
    <message>
        <source>Two laptops changed this while apart; the later change is kept and shows. The other value is kept too: “Use that” writes it back as a new change.</source>
        <translation>Dos computadoras cambiaron esto mientras estaban desconectadas; se conserva y se muestra el cambio más reciente. El otro valor también se guarda: “Usar ese” lo vuelve a escribir como un cambio nuevo.</translation>
    </message>
    <message>
        <source>on this laptop</source>
        <translation>en esta computadora</translation>
    </message>
    <message>
        <source>on another laptop</source>
        <translation>en otra computadora</translation>
    </message>
    <message>
        <source>{where} ({when})</source>
        <translation>{where} ({when})</translation>
    </message>
    <message>
        <source>{where}, replaced by another laptop&apos;s change</source>
        <translation>{where}, reemplazado por el cambio de otra computadora</translation>
    </message>
    <message>
        <source> (and {count} more)</source>
        <translation> (y {count} más)</translation>
    </message>
</context>
<context>
    <name>DataMenu</name>
    <message>
        <source>OneRoster package (*.zip manifest.csv);;All files (*)</source>
        <translation>Paquete OneRoster (*.zip manifest.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>CSV export (*.csv *.txt);;OneRoster gradebook (*.zip manifest.csv);;All files (*)</source>
        <translation>Exportación CSV (*.csv *.txt);;Libro de calificaciones OneRoster (*.zip manifest.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Read only: this account&apos;s laptop keeps the school server&apos;s copy of the school, so rosters and activity are imported on the server</source>
        <translation>Solo lectura: esta computadora guarda la copia de la escuela del servidor escolar, así que las listas y la actividad se importan en el servidor</translation>
    </message>
    <message>
        <source>Import roster (OneRoster)…</source>
        <extracomment>The progress of the import running, finished with the window if it closes first.</extracomment>
        <translation>Importar lista de estudiantes (OneRoster)…</translation>
    </message>
    <message>
        <source>A OneRoster CSV package from the school&apos;s SIS: its .zip or its manifest.csv</source>
        <translation>Un paquete CSV OneRoster del sistema de información escolar: su .zip o su manifest.csv</translation>
    </message>
    <message>
        <source>Undo last roster import…</source>
        <translation>Deshacer la última importación de la lista…</translation>
    </message>
    <message>
        <source>Bring the roster back to how it was before the last roster import</source>
        <translation>Dejar la lista de estudiantes como estaba antes de la última importación</translation>
    </message>
    <message>
        <source>Import activity…</source>
        <translation>Importar actividad…</translation>
    </message>
    <message>
        <source>A learning platform&apos;s CSV export of minutes and unit scores</source>
        <translation>Una exportación CSV de una plataforma de aprendizaje con los minutos y los puntajes de las unidades</translation>
    </message>
    <message>
        <source>Class chart</source>
        <translation>Gráfica de la clase</translation>
    </message>
    <message>
        <source>Skills Summary</source>
        <translation>Resumen de habilidades</translation>
    </message>
    <message>
        <source>Export student report…</source>
        <translation>Exportar informe del estudiante…</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>Restaurar desde una copia de seguridad…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was changed.</source>
        <translation>Importación cancelada: no se cambió nada.</translation>
    </message>
    <message>
        <source>{error}

Nothing was imported; the store is as it was.</source>
        <translation>{error}

No se importó nada; los datos quedaron como estaban.</translation>
    </message>
    <message>
        <source>{title} failed</source>
        <translation>{title}: no se pudo completar</translation>
    </message>
    <message>
        <source>Import a OneRoster roster: its .zip, or manifest.csv in its folder</source>
        <translation>Importar una lista OneRoster: su .zip, o el manifest.csv de su carpeta</translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation>Importar lista de estudiantes</translation>
    </message>
    <message>
        <source>Choose the school</source>
        <translation>Elegir la escuela</translation>
    </message>
    <message>
        <source>{file} holds the rosters of {count} schools, and Classroom Desk keeps one school&apos;s. Which one is yours? Only its classes, and the students and teachers in them, are imported.</source>
        <translation>{file} contiene las listas de {count} escuelas, y Classroom Desk guarda las de una sola. ¿Cuál es la suya? Solo se importan sus clases, con sus estudiantes y docentes.</translation>
    </message>
    <message>
        <source>Choose the package</source>
        <translation>Elegir el paquete</translation>
    </message>
    <message>
        <source>{file} holds {count} roster packages. Which one?</source>
        <translation>{file} contiene {count} paquetes de listas. ¿Cuál?</translation>
    </message>
    <message>
        <source>Roster imported</source>
        <translation>Lista de estudiantes importada</translation>
    </message>
    <message>
        <source>Undo last roster import</source>
        <translation>Deshacer la última importación de la lista</translation>
    </message>
    <message>
        <source>There is no roster import to undo.</source>
        <translation>No hay ninguna importación de lista para deshacer.</translation>
    </message>
    <message>
        <source>Undo {import_}?

The roster goes back to how it was just before that import.</source>
        <translation>¿Deshacer {import_}?

La lista vuelve a quedar como estaba justo antes de esa importación.</translation>
    </message>
    <message>
        <source>

Since then this was saved, and undoing would lose it: {lost}. Undo anyway?</source>
        <translation>

Desde entonces se guardó esto, y deshacer lo perdería: {lost}. ¿Deshacer de todos modos?</translation>
    </message>
    <message>
        <source>Roster import undone</source>
        <translation>Importación de la lista deshecha</translation>
    </message>
    <message>
        <source>Undo last roster import failed</source>
        <translation>No se pudo deshacer la última importación de la lista</translation>
    </message>
    <message>
        <source>Import activity from a learning platform&apos;s export</source>
        <translation>Importar la actividad exportada de una plataforma de aprendizaje</translation>
    </message>
    <message>
        <source>Import gradebook</source>
        <translation>Importar libro de calificaciones</translation>
    </message>
    <message>
        <source>Import activity failed</source>
        <translation>No se pudo importar la actividad</translation>
    </message>
    <message>
        <source>Importing {file} with the mapping saved for {source}…</source>
        <translation>Importando {file} con la correspondencia guardada para {source}…</translation>
    </message>
    <message>
        <source>Import activity</source>
        <translation>Importar actividad</translation>
    </message>
    <message>
        <source>Activity imported</source>
        <translation>Actividad importada</translation>
    </message>
    <message>
        <source>That student is not in the roster shown any more.</source>
        <translation>Ese estudiante ya no está en la lista que se muestra.</translation>
    </message>
    <message>
        <source>Select a student first.</source>
        <translation>Primero elija un estudiante.</translation>
    </message>
    <message>
        <source>student</source>
        <translation>estudiante</translation>
    </message>
    <message>
        <source>Export {student}&apos;s progress report</source>
        <translation>Exportar el informe de progreso de {student}</translation>
    </message>
    <message>
        <source>Exported {student}&apos;s report: {file}</source>
        <translation>Informe de {student} exportado: {file}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>No se pudo exportar</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>AM</source>
        <translation>a. m.</translation>
    </message>
    <message>
        <source>PM</source>
        <translation>p. m.</translation>
    </message>
    <message>
        <source>Mon</source>
        <extracomment>The languages the app is translated into (English is the source language). The Settings choice that follows the system&apos;s language.</extracomment>
        <translation>lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>domingo</translation>
    </message>
    <message>
        <source>Jan</source>
        <translation>ene</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>feb</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>abr</translation>
    </message>
    <message>
        <source>May</source>
        <translation>may</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>jun</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>jul</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>ago</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>sep</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>oct</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>nov</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>dic</translation>
    </message>
    <message>
        <source>{month} {day}</source>
        <translation>{day} {month}</translation>
    </message>
    <message>
        <source>{start} to {end}, {year}</source>
        <translation>{start} al {end} de {year}</translation>
    </message>
    <message>
        <source>{weekday} {month} {day}</source>
        <translation>{weekday} {day} {month}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Classroom Desk cannot start</source>
        <translation>Classroom Desk no puede iniciar</translation>
    </message>
</context>
<context>
    <name>Freshness</name>
    <message>
        <source>{hour}:{minute}</source>
        <translation>{hour}:{minute} a. m.</translation>
    </message>
    <message>
        <source>{hour}:{minute} pm</source>
        <translation>{hour}:{minute} p. m.</translation>
    </message>
    <message>
        <source>{source} as of {when}</source>
        <extracomment>Figures whose source is older than this many school days are marked.</extracomment>
        <translation>{source} al {when}</translation>
    </message>
    <message>
        <source>{text} ({age} school days old)</source>
        <translation>{text} (hace {age} días de clase)</translation>
    </message>
    <message>
        <source>{clock} today</source>
        <translation>hoy a las {clock}</translation>
    </message>
    <message>
        <source>{clock} yesterday</source>
        <translation>ayer a las {clock}</translation>
    </message>
    <message>
        <source>{weekday} {clock}</source>
        <translation>{weekday} a las {clock}</translation>
    </message>
    <message>
        <source>{day}, {year}</source>
        <translation>{day} de {year}</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Lista de estudiantes</translation>
    </message>
    <message>
        <source>{platform} activity</source>
        <translation>Actividad de {platform}</translation>
    </message>
</context>
<context>
    <name>Goals</name>
    <message>
        <source>Master {target} {area} units this week</source>
        <extracomment>A goal field&apos;s value: the target (a number) or the status (&quot;active&quot;, &quot;dropped&quot;).</extracomment>
        <translation>Dominar {target} unidades de {area} esta semana</translation>
    </message>
    <message>
        <source>Average {target}% in {area}</source>
        <translation>Promedio de {target}% en {area}</translation>
    </message>
    <message>
        <source>{target} minutes of {area} every week</source>
        <translation>{target} minutos de {area} cada semana</translation>
    </message>
</context>
<context>
    <name>Groups</name>
    <message>
        <source>no units</source>
        <extracomment>The saved group this one is (kept when the plan is accepted again). &quot;Maya K.&quot;: what the projector shows. This week in a few words: &quot;12 min · avg 64% · 1 mastered&quot;.</extracomment>
        <translation>sin unidades</translation>
    </message>
    <message>
        <source>avg {average}%</source>
        <translation>prom. {average}%</translation>
    </message>
    <message>
        <source>{minutes} min · {average} · {mastered} mastered</source>
        <translation>{minutes} min · {average} · {mastered} dominadas</translation>
    </message>
    <message>
        <source>{reason}; with {group}</source>
        <extracomment>&quot;suggested&quot; (fresh from the data), &quot;saved&quot; (as accepted) or &quot;edited&quot;.</extracomment>
        <translation>{reason}; con {group}</translation>
    </message>
    <message>
        <source>A group needs at least two students to split.</source>
        <translation>Un grupo necesita al menos dos estudiantes para dividirlo.</translation>
    </message>
    <message>
        <source>Group {number}</source>
        <translation>Grupo {number}</translation>
    </message>
    <message>
        <source>Made by the teacher</source>
        <translation>Creado por el docente</translation>
    </message>
    <message>
        <source>{groups} group, {placed} of {total} students in a group</source>
        <translation>{groups} grupo, {placed} de {total} estudiantes en un grupo</translation>
    </message>
    <message>
        <source>{groups} groups, {placed} of {total} students in a group</source>
        <translation>{groups} grupos, {placed} de {total} estudiantes en un grupo</translation>
    </message>
    <message>
        <source>Saved: {counts}.</source>
        <translation>Guardado: {counts}.</translation>
    </message>
    <message>
        <source>Suggested from this week&apos;s data (your saved groups stay until you accept): {counts}. Nothing is saved until you accept (Ctrl+Enter).</source>
        <translation>Sugeridos con los datos de esta semana (sus grupos guardados se mantienen hasta que acepte): {counts}. No se guarda nada hasta que acepte (Ctrl+Intro).</translation>
    </message>
    <message>
        <source>Suggested from this week&apos;s data: {counts}. Nothing is saved until you accept (Ctrl+Enter).</source>
        <translation>Sugeridos con los datos de esta semana: {counts}. No se guarda nada hasta que acepte (Ctrl+Intro).</translation>
    </message>
    <message>
        <source>Edited: {counts}. Nothing is saved until you accept (Ctrl+Enter).</source>
        <translation>Editados: {counts}. No se guarda nada hasta que acepte (Ctrl+Intro).</translation>
    </message>
    <message>
        <source>Outside the chosen size ({sizes}).</source>
        <translation>Fuera del tamaño elegido ({sizes}).</translation>
    </message>
    <message>
        <source>no group</source>
        <translation>sin grupo</translation>
    </message>
    <message>
        <source>; under mastery: {units}</source>
        <extracomment>A split&apos;s &quot; (1 of 2)&quot; in any language (&quot; (1 de 2)&quot;).</extracomment>
        <translation>; bajo el dominio: {units}</translation>
    </message>
    <message>
        <source>; close to a goal</source>
        <translation>; cerca de una meta</translation>
    </message>
    <message>
        <source>Suggestions come from this week&apos;s data, the same every time for the same data. Needs are taken in order: a unit several students scored under mastery (most students first), no activity, under the weekly minutes, close to a goal, then average-score bands. Each need takes students not yet in a group, most in need first; too few for the smallest size makes no group, too many are split evenly within the sizes. Students on track are offered an enrichment group. A student is in at most one group per block.</source>
        <extracomment>A goal counts as &quot;close to met&quot; from this share of its target on. Level bands of the week&apos;s average score, highest first: (lowest, highest, key).</extracomment>
        <translation>Las sugerencias salen de los datos de esta semana, siempre las mismas para los mismos datos. Las necesidades se toman en orden: una unidad en la que varios estudiantes quedaron bajo el dominio (primero la de más estudiantes), sin actividad, por debajo de los minutos semanales, cerca de una meta y luego franjas de promedio. Cada necesidad toma a estudiantes que aún no están en un grupo, primero a quienes más lo necesitan; si son menos que el tamaño mínimo no se forma grupo, y si son demasiados se reparten por igual dentro de los tamaños. A los estudiantes al día se les ofrece un grupo de enriquecimiento. Cada estudiante está como mucho en un grupo por bloque.</translation>
    </message>
    <message>
        <source>group sizes must be 1 to {limit} students, the smallest no larger than the largest (got {smallest}-{largest})</source>
        <translation>los grupos deben tener de 1 a {limit} estudiantes, y el menor no puede ser mayor que el mayor (se indicó {smallest}-{largest})</translation>
    </message>
    <message>
        <source>{smallest}-{largest} students</source>
        <translation>{smallest}-{largest} estudiantes</translation>
    </message>
    <message>
        <source>a group needs a name</source>
        <extracomment>An active goal in the block&apos;s area, not met, at least half way there. Students no need placed, in name order.</extracomment>
        <translation>un grupo necesita un nombre</translation>
    </message>
    <message>
        <source>a group&apos;s name is too long ({length} characters, at most {limit})</source>
        <translation>el nombre del grupo es demasiado largo ({length} caracteres, como máximo {limit})</translation>
    </message>
    <message>
        <source>{count} student</source>
        <extracomment>The reason for a group of ``n`` of them: &quot;Equivalent fractions I: 4 students under 80%&quot;.</extracomment>
        <translation>{count} estudiante</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} estudiantes</translation>
    </message>
    <message>
        <source>{unit}: {students} under {mastery}</source>
        <translation>{unit}: {students} bajo {mastery}</translation>
    </message>
    <message>
        <source>Fresh start</source>
        <translation>Nuevo comienzo</translation>
    </message>
    <message>
        <source>No activity this week: {students}</source>
        <translation>Sin actividad esta semana: {students}</translation>
    </message>
    <message>
        <source>Time builders</source>
        <translation>Más tiempo</translation>
    </message>
    <message>
        <source>Under {minutes} minutes this week: {students}</source>
        <translation>Menos de {minutes} minutos esta semana: {students}</translation>
    </message>
    <message>
        <source>Goal push</source>
        <translation>Impulso a la meta</translation>
    </message>
    <message>
        <source>Close to a goal: {students} half way or more</source>
        <translation>Cerca de una meta: {students} a mitad de camino o más</translation>
    </message>
    <message>
        <source>under {score}</source>
        <translation>bajo {score}</translation>
    </message>
    <message>
        <source>Average {band}</source>
        <translation>Promedio {band}</translation>
    </message>
    <message>
        <source>Average {band} this week: {students}</source>
        <translation>Promedio {band} esta semana: {students}</translation>
    </message>
    <message>
        <source>Enrichment</source>
        <translation>Enriquecimiento</translation>
    </message>
    <message>
        <source>On track this week: {students} ready for enrichment</source>
        <translation>Al día esta semana: {students} listos para enriquecimiento</translation>
    </message>
    <message>
        <source>{name} ({number} of {count})</source>
        <translation>{name} ({number} de {count})</translation>
    </message>
</context>
<context>
    <name>GroupsView</name>
    <message>
        <source>Group name</source>
        <extracomment>A selected student&apos;s background: white text on it reads at more than 4.5:1.</extracomment>
        <translation>Nombre del grupo</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>{count} estudiante</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} estudiantes</translation>
    </message>
    <message>
        <source>{title}. F2 to rename</source>
        <translation>{title}. F2 para cambiar el nombre</translation>
    </message>
    <message>
        <source>Students: {group}</source>
        <translation>Estudiantes: {group}</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>How are these made?</source>
        <translation>¿Cómo se forman?</translation>
    </message>
    <message>
        <source>Smallest group</source>
        <translation>Grupo más pequeño</translation>
    </message>
    <message>
        <source>Largest group</source>
        <translation>Grupo más grande</translation>
    </message>
    <message>
        <source>Suggest again</source>
        <translation>Sugerir de nuevo</translation>
    </message>
    <message>
        <source>Accept groups (Ctrl+Enter)</source>
        <translation>Aceptar grupos (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Group size</source>
        <translation>Tamaño del grupo</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Accept groups</source>
        <translation>Aceptar grupos</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>Cambiar el nombre del grupo</translation>
    </message>
    <message>
        <source>Merge into the next group</source>
        <translation>Unir con el grupo siguiente</translation>
    </message>
    <message>
        <source>Split group</source>
        <translation>Dividir el grupo</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Nuevo grupo</translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation>Quitar el grupo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Groups · {section} · {area}</source>
        <translation>Grupos · {section} · {area}</translation>
    </message>
    <message>
        <source>{section} · {area} · week of {day}, {year}</source>
        <translation>{section} · {area} · semana del {day} de {year}</translation>
    </message>
    <message>
        <source>Not in a group</source>
        <translation>Sin grupo</translation>
    </message>
    <message>
        <source>For you to place</source>
        <translation>Para que usted los ubique</translation>
    </message>
    <message>
        <source>Students no need placed in a group; Alt+Left or drag to put one in a group</source>
        <translation>Estudiantes que ninguna necesidad puso en un grupo; Alt+Izquierda o arrastre para poner a uno en un grupo</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>La semana pasada</translation>
    </message>
    <message>
        <source>No groups last week.</source>
        <translation>No hubo grupos la semana pasada.</translation>
    </message>
    <message>
        <source>Moved since last week</source>
        <translation>Cambios desde la semana pasada</translation>
    </message>
    <message>
        <source>Nobody moved.</source>
        <translation>Nadie cambió de grupo.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source> or </source>
        <extracomment>A group of shortcuts: its title, then (keys, what they do) rows; an action stands for its own shortcut and text.</extracomment>
        <translation> o </translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Qué hace</translation>
    </message>
    <message>
        <source>Also under each menu, beside its command.</source>
        <translation>También en cada menú, junto a su comando.</translation>
    </message>
    <message>
        <source>About Classroom Desk</source>
        <translation>Acerca de Classroom Desk</translation>
    </message>
    <message>
        <source>Each student&apos;s week at a glance, 30-second conferences, reassignments and goals; works offline and syncs with the school server.</source>
        <translation>La semana de cada estudiante de un vistazo, conferencias de 30 segundos, reasignaciones y metas; funciona sin conexión y se sincroniza con el servidor de la escuela.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>School data</source>
        <translation>Datos de la escuela</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Back up the data folder to keep a copy; backups are also made there each day.</source>
        <translation>Respalde la carpeta de datos para guardar una copia; allí también se hacen copias de seguridad cada día.</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Edit note…</source>
        <translation>Editar nota…</translation>
    </message>
    <message>
        <source>Note</source>
        <extracomment>The entry&apos;s kind (note, goal, reassigned, undone, celebrated), for views and tests. The record the entry shows (for a note, the version a correction would replace).</extracomment>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation>Reasignada</translation>
    </message>
    <message>
        <source>Undid reassignment</source>
        <translation>Reasignación deshecha</translation>
    </message>
    <message>
        <source>Celebrated</source>
        <translation>Celebrada</translation>
    </message>
    <message>
        <source>Tutoring</source>
        <translation>Tutoría</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>edited {day}</source>
        <translation>editada el {day}</translation>
    </message>
    <message>
        <source>Edited {day}, {clock}</source>
        <translation>Editada el {day}, {clock}</translation>
    </message>
    <message>
        <source>Edit note · {student}</source>
        <extracomment>The note version the history shows once the dialog closes.</extracomment>
        <translation>Editar nota · {student}</translation>
    </message>
    <message>
        <source>Note from {day}</source>
        <translation>Nota del {day}</translation>
    </message>
    <message>
        <source>{heading} (edited {day})</source>
        <translation>{heading} (editada el {day})</translation>
    </message>
    <message>
        <source>Saved as you type. The earlier text stays in the history.</source>
        <translation>Se guarda al escribir. El texto anterior queda en el historial.</translation>
    </message>
    <message>
        <source>Edit the note from {day}</source>
        <translation>Editar la nota del {day}</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Save and close (Ctrl+Enter or Escape also save)</source>
        <translation>Guardar y cerrar (Ctrl+Intro o Esc también guardan)</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>expected {what}</source>
        <translation>se esperaba {what}</translation>
    </message>
    <message>
        <source>comma</source>
        <extracomment>Reading a damaged zip member fails with these rather than OSError. Longest first, so a UTF-32 BOM is not taken for UTF-16&apos;s. Separators a header line is read with, and how a message names each.</extracomment>
        <translation>coma</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>punto y coma</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulación</translation>
    </message>
    <message>
        <source>a zip or an Excel workbook (.xlsx)</source>
        <extracomment>The first bytes of files that are not text at all, and what they are.</extracomment>
        <translation>un zip o un libro de Excel (.xlsx)</translation>
    </message>
    <message>
        <source>an Excel 97-2003 workbook (.xls)</source>
        <translation>un libro de Excel 97-2003 (.xls)</translation>
    </message>
    <message>
        <source>{separator}-separated</source>
        <translation>separado por {separator}</translation>
    </message>
    <message>
        <source>a readable file; reading failed ({error})</source>
        <extracomment>Lines handed to the CSV reader, and lines read from the file (more while the first lines are read ahead to find the separator).</extracomment>
        <translation>un archivo legible; no se pudo leer ({error})</translation>
    </message>
    <message>
        <source>{encoding} text; it does not decode ({reason})</source>
        <translation>texto {encoding}; no se puede descodificar ({reason})</translation>
    </message>
    <message>
        <source>text; found a NUL character</source>
        <translation>texto; se encontró un carácter NUL</translation>
    </message>
    <message>
        <source>UTF-8 text; this file is {encoding} (save it as &apos;CSV UTF-8&apos;)</source>
        <translation>texto UTF-8; este archivo es {encoding} (guárdelo como &apos;CSV UTF-8&apos;)</translation>
    </message>
    <message>
        <source>CSV text; this file is {what} (save it from Excel as &apos;CSV UTF-8&apos;)</source>
        <translation>texto CSV; este archivo es {what} (guárdelo desde Excel como &apos;CSV UTF-8&apos;)</translation>
    </message>
    <message>
        <source>a file of at most {size_text}; this one is larger (is it the right file?)</source>
        <translation>un archivo de como máximo {size_text}; este es más grande (¿es el archivo correcto?)</translation>
    </message>
    <message>
        <source>lines of at most {size_text}; this one is longer</source>
        <translation>líneas de como máximo {size_text}; esta es más larga</translation>
    </message>
    <message>
        <source>text; found a NUL byte (a spreadsheet or UTF-16 file saved as .csv?)</source>
        <translation>texto; se encontró un byte NUL (¿una hoja de cálculo o un archivo UTF-16 guardado como .csv?)</translation>
    </message>
    <message>
        <source>UTF-8 text; found the byte 0x{byte}{hint} (save it as &apos;CSV UTF-8&apos;)</source>
        <translation>texto UTF-8; se encontró el byte 0x{byte}{hint} (guárdelo como &apos;CSV UTF-8&apos;)</translation>
    </message>
    <message>
        <source> (is it separated by {others}?)</source>
        <translation> (¿está separado por {others}?)</translation>
    </message>
    <message>
        <source>comma-, semicolon- or tab-separated values; the first line has none of them</source>
        <translation>valores separados por comas, punto y coma o tabulaciones; la primera línea no tiene ninguno</translation>
    </message>
    <message>
        <source> ({character} in Windows-1252 or Latin-1)</source>
        <translation> ({character} en Windows-1252 o Latin-1)</translation>
    </message>
    <message>
        <source>values of at most {field_size_limit} characters</source>
        <translation>valores de como máximo {field_size_limit} caracteres</translation>
    </message>
    <message>
        <source>lines ending in LF or CRLF; found a carriage return (CR) alone</source>
        <translation>líneas que terminen en LF o CRLF; se encontró un retorno de carro (CR) solo</translation>
    </message>
    <message>
        <source>well-formed CSV ({message})</source>
        <translation>un CSV bien formado ({message})</translation>
    </message>
    <message>
        <source>a {separator} after a closing quote (quote the whole value)</source>
        <translation>un separador ({separator}) después de unas comillas de cierre (ponga todo el valor entre comillas)</translation>
    </message>
    <message>
        <source>a closing quote for the value that starts here</source>
        <translation>unas comillas de cierre para el valor que empieza aquí</translation>
    </message>
    <message>
        <source>saving</source>
        <translation>guardando</translation>
    </message>
</context>
<context>
    <name>ImportDialogs</name>
    <message>
        <source>(not in this file)</source>
        <extracomment>The progress dialog appears only for imports that take longer than this.</extracomment>
        <translation>(no está en este archivo)</translation>
    </message>
    <message>
        <source>Unit attempts (one row per unit)</source>
        <translation>Intentos de unidades (una fila por unidad)</translation>
    </message>
    <message>
        <source>Summaries (one row per student and date range)</source>
        <translation>Resúmenes (una fila por estudiante y período)</translation>
    </message>
    <message>
        <source>out of 100 (79 means 79%)</source>
        <translation>sobre 100 (79 significa 79%)</translation>
    </message>
    <message>
        <source>fractions (0.79 means 79%)</source>
        <translation>fracciones (0.79 significa 79%)</translation>
    </message>
    <message>
        <source>hours and minutes (1:35 is 95 minutes)</source>
        <translation>horas y minutos (1:35 son 95 minutos)</translation>
    </message>
    <message>
        <source>minutes and seconds (1:35 is a minute and a half)</source>
        <translation>minutos y segundos (1:35 es un minuto y medio)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancelling: putting everything back as it was…</source>
        <translation>Cancelando: dejando todo como estaba…</translation>
    </message>
    <message>
        <source>{title}: {done} of {total} rows · {current_file}</source>
        <translation>{title}: {done} de {total} filas · {current_file}</translation>
    </message>
    <message>
        <source>{title}: {done} rows · {current_file}</source>
        <translation>{title}: {done} filas · {current_file}</translation>
    </message>
    <message>
        <source>Line {line}: expected {problem}</source>
        <translation>Línea {line}: se esperaba {problem}</translation>
    </message>
    <message>
        <source>Line {line}</source>
        <translation>Línea {line}</translation>
    </message>
    <message>
        <source>Import activity: {name}</source>
        <translation>Importar actividad: {name}</translation>
    </message>
    <message>
        <source>The learning platform the file comes from; its mapping is saved under this name</source>
        <translation>La plataforma de aprendizaje de la que viene el archivo; su correspondencia se guarda con este nombre</translation>
    </message>
    <message>
        <source>(choose the content area)</source>
        <translation>(elija la materia)</translation>
    </message>
    <message>
        <source>Dates are day/month/year (16/11/2026)</source>
        <translation>Las fechas son día/mes/año (16/11/2026)</translation>
    </message>
    <message>
        <source>the week the file was written (week of {day})</source>
        <translation>la semana en que se escribió el archivo (semana del {day})</translation>
    </message>
    <message>
        <source>the week the file was written</source>
        <translation>la semana en que se escribió el archivo</translation>
    </message>
    <message>
        <source>the week of…</source>
        <translation>la semana del…</translation>
    </message>
    <message>
        <source>ddd MMM d, yyyy</source>
        <translation>ddd d MMM yyyy</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plataforma</translation>
    </message>
    <message>
        <source>The file holds</source>
        <translation>El archivo tiene</translation>
    </message>
    <message>
        <source>Content area</source>
        <translation>Materia</translation>
    </message>
    <message>
        <source>It covers</source>
        <translation>Cubre</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Puntajes</translation>
    </message>
    <message>
        <source>Times like 1:35</source>
        <translation>Tiempos como 1:35</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>Why each column was chosen</source>
        <translation>Por qué se eligió cada columna</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why these columns&lt;/b&gt;</source>
        <translation>&lt;b&gt;Por qué estas columnas&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Preview of the rows</source>
        <translation>Vista previa de las filas</translation>
    </message>
    <message>
        <source>&lt;b&gt;The first rows as they will be read&lt;/b&gt;</source>
        <translation>&lt;b&gt;Las primeras filas tal como se leerán&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Save mapping</source>
        <translation>Guardar la correspondencia</translation>
    </message>
    <message>
        <source>Remember these columns for this platform&apos;s next files</source>
        <translation>Recordar estas columnas para los próximos archivos de esta plataforma</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Saved mapping</source>
        <translation>Correspondencia guardada</translation>
    </message>
    <message>
        <source>Guessed from the headers</source>
        <translation>Deducida de los encabezados</translation>
    </message>
    <message>
        <source>Changed (not saved)</source>
        <translation>Cambiada (sin guardar)</translation>
    </message>
    <message>
        <source>Saved for {source}</source>
        <translation>Guardada para {source}</translation>
    </message>
    <message>
        <source>The file&apos;s content-area column says it for each row</source>
        <translation>La columna de materia del archivo la indica en cada fila</translation>
    </message>
    <message>
        <source>The file has no content-area column: choose one</source>
        <translation>El archivo no tiene columna de materia: elija una</translation>
    </message>
    <message>
        <source>Still needed: {need}.</source>
        <translation>Falta: {need}.</translation>
    </message>
    <message>
        <source>{bad} of the first {rows} rows have a problem (marked; hover for what was expected). The import stops at the first row it cannot read.</source>
        <translation>{bad} de las primeras {rows} filas tienen un problema (marcado; pase el puntero para ver qué se esperaba). La importación se detiene en la primera fila que no puede leer.</translation>
    </message>
    <message>
        <source>Skip these rows</source>
        <translation>Omitir estas filas</translation>
    </message>
    <message>
        <source>Which student is it?</source>
        <translation>¿Qué estudiante es?</translation>
    </message>
    <message>
        <source>grade {grade}</source>
        <translation>grado {grade}</translation>
    </message>
    <message>
        <source>Import with these answers</source>
        <translation>Importar con estas respuestas</translation>
    </message>
    <message>
        <source>Some names in the file fit no student or several. Nothing is imported until each is answered.</source>
        <translation>Algunos nombres del archivo no coinciden con ningún estudiante o coinciden con varios. No se importa nada hasta responder cada uno.</translation>
    </message>
    <message>
        <source>Notes and what is not imported</source>
        <translation>Notas y lo que no se importa</translation>
    </message>
    <message>
        <source>Preview this one</source>
        <translation>Ver la vista previa de este</translation>
    </message>
</context>
<context>
    <name>Imports</name>
    <message>
        <source>The roster went into your school&apos;s own database, not the demo. Open your school now? Classroom Desk saves your notes and reopens on it.</source>
        <extracomment>Rows the mapping dialog previews. The file&apos;s header is the very one the mapping was saved for. Starts Classroom Desk again on the teacher&apos;s school (from the composition root). The stores&apos; key (one key for every store in the data folder); ``None``: plain files.</extracomment>
        <translation>La lista de estudiantes se guardó en la base de datos de su escuela, no en la demostración. ¿Abrir su escuela ahora? Classroom Desk guarda sus notas y vuelve a abrirse en ella.</translation>
    </message>
    <message>
        <source>The roster went into your school&apos;s own database, not the demo. Close and reopen Classroom Desk to open your school.</source>
        <translation>La lista de estudiantes se guardó en la base de datos de su escuela, no en la demostración. Cierre y vuelva a abrir Classroom Desk para abrir su escuela.</translation>
    </message>
    <message>
        <source>The mapping saved for {source}.</source>
        <translation>La correspondencia guardada para {source}.</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>Teachers</source>
        <translation>Docentes</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Enrollments</source>
        <translation>Matrículas</translation>
    </message>
    <message>
        <source>no change</source>
        <extracomment>(table, its change lines), ``(&quot;Students&quot;, (&quot;4 added: Ava Nguyen, ...&quot;,))``. What would go that needs a yes, and the likely cause (&quot;&quot; when nothing does).</extracomment>
        <translation>sin cambios</translation>
    </message>
    <message>
        <source>{school}: {format} {version} roster from {package}.</source>
        <translation>{school}: lista {format} {version} de {package}.</translation>
    </message>
    <message>
        <source>the school</source>
        <translation>la escuela</translation>
    </message>
    <message>
        <source>Importing it would change nothing.</source>
        <translation>Importarla no cambiaría nada.</translation>
    </message>
    <message>
        <source>Not imported: {what}.</source>
        <translation>No se importa: {what}.</translation>
    </message>
    <message>
        <source>Import roster: {package}</source>
        <translation>Importar lista de estudiantes: {package}</translation>
    </message>
    <message>
        <source>Import and remove them</source>
        <translation>Importar y quitarlos</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Yes, this is what the school means: remove them</source>
        <translation>Sí, esto es lo que quiere la escuela: quitarlos</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>All classes</source>
        <extracomment>The panel takes this share of the window, within these bounds; the roster keeps the rest.
----------
The Skills Summary&apos;s &quot;class&quot; meaning every class of the school, sorted by grade.</extracomment>
        <translation>Todas las clases</translation>
    </message>
    <message>
        <source>Clear</source>
        <extracomment>Sources named one by one in the status bar; past that, the fresh ones are counted. The most the freshness note takes of the status bar, in pixels.</extracomment>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Show every student again (Ctrl+0)</source>
        <translation>Mostrar de nuevo a todos los estudiantes (Ctrl+0)</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Alguna</translation>
    </message>
    <message>
        <source>Any: show students with at least one of the chosen needs</source>
        <translation>Alguna: mostrar a los estudiantes con al menos una de las necesidades elegidas</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>All: show only students with every chosen need</source>
        <translation>Todas: mostrar solo a los estudiantes con todas las necesidades elegidas</translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation>Semana anterior</translation>
    </message>
    <message>
        <source>Previous week (Alt+Left)</source>
        <translation>Semana anterior (Alt+Izquierda)</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Go to this week (Alt+Home)</source>
        <translation>Ir a esta semana (Alt+Inicio)</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Semana siguiente</translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation>Semana siguiente (Alt+Derecha)</translation>
    </message>
    <message>
        <source>Search students</source>
        <translation>Buscar estudiantes</translation>
    </message>
    <message>
        <source>Reassign the lowest unit</source>
        <translation>Reasignar la unidad más baja</translation>
    </message>
    <message>
        <source>Save and next student</source>
        <translation>Guardar y pasar al siguiente estudiante</translation>
    </message>
    <message>
        <source>Set a goal</source>
        <translation>Fijar una meta</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Reassign all under {mastery}…</source>
        <translation>Reasignar todas bajo {mastery}…</translation>
    </message>
    <message>
        <source>Reassign every unit under {mastery} for the students shown, after one confirmation; one undo takes it back (Ctrl+Shift+R)</source>
        <translation>Reasignar cada unidad bajo {mastery} de los estudiantes mostrados, tras una confirmación; un solo Deshacer lo revierte (Ctrl+Mayús+R)</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Configuración…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>About Classroom Desk</source>
        <translation>Acerca de Classroom Desk</translation>
    </message>
    <message>
        <source>He&amp;lp</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Content area</source>
        <translation>Materia</translation>
    </message>
    <message>
        <source>None</source>
        <comment>content area</comment>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Search (Ctrl+F)</source>
        <translation>Buscar (Ctrl+F)</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Borrar búsqueda</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Materia</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Coincidir</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Lista de estudiantes</translation>
    </message>
    <message>
        <source>Student conference</source>
        <translation>Conferencia con el estudiante</translation>
    </message>
    <message>
        <source>Reassign all units under mastery</source>
        <translation>Reasignar todas las unidades bajo el dominio</translation>
    </message>
    <message>
        <source>Select a student first: Ctrl+R reassigns their lowest unit.</source>
        <translation>Primero elija un estudiante: Ctrl+R reasigna su unidad más baja.</translation>
    </message>
    <message>
        <source>this student</source>
        <translation>este estudiante</translation>
    </message>
    <message>
        <source>{name} has no unit under {mastery}% waiting to be reassigned.</source>
        <translation>{name} no tiene ninguna unidad bajo {mastery}% pendiente de reasignar.</translation>
    </message>
    <message>
        <source>The note is not saved yet, so the panel stays on this student.</source>
        <translation>La nota todavía no se guardó, así que el panel se queda en este estudiante.</translation>
    </message>
    <message>
        <source>That was the last student in the list ({seen} of {total} seen). Choose another list, or Esc to go back to the roster.</source>
        <translation>Ese era el último estudiante de la lista ({seen} de {total} vistos). Elija otra lista, o Esc para volver a la lista de estudiantes.</translation>
    </message>
    <message>
        <source>Select a student first: Ctrl+G sets one of their goals.</source>
        <translation>Primero elija un estudiante: Ctrl+G fija una de sus metas.</translation>
    </message>
    <message>
        <source>Not undone: {error}</source>
        <translation>No se deshizo: {error}</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nada que deshacer</translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation>Deshecho: {what}</translation>
    </message>
    <message>
        <source>No unit under {mastery} is waiting for the students shown.</source>
        <translation>Ninguna unidad bajo {mastery} está pendiente para los estudiantes mostrados.</translation>
    </message>
    <message>
        <source>Reassign units</source>
        <translation>Reasignar unidades</translation>
    </message>
    <message>
        <source>Reassign {units} under {mastery} for {students} of the {shown} shown?

Each goes back to its student to retry. Undo (Ctrl+Z) takes them all back.</source>
        <translation>¿Reasignar {units} bajo {mastery} a {students} de los {shown} mostrados?

Cada una vuelve a su estudiante para intentarla de nuevo. Deshacer (Ctrl+Z) las revierte todas.</translation>
    </message>
    <message>
        <source>{count} unit</source>
        <translation>{count} unidad</translation>
    </message>
    <message>
        <source>{count} units</source>
        <translation>{count} unidades</translation>
    </message>
    <message>
        <source>Your schools: {schools}. {keys} or File &gt; School switches.</source>
        <translation>Sus escuelas: {schools}. {keys} o Archivo &gt; Escuela cambia de una a otra.</translation>
    </message>
    <message>
        <source>Settings open once the school&apos;s data is ready.</source>
        <translation>La configuración se abre cuando los datos de la escuela estén listos.</translation>
    </message>
    <message>
        <source>Settings saved: the roster shows the week and targets as now set.</source>
        <translation>Configuración guardada: la lista muestra la semana y las metas como quedaron.</translation>
    </message>
    <message>
        <source>Schools</source>
        <translation>Escuelas</translation>
    </message>
    <message>
        <source>Clear the filters</source>
        <translation>Quitar los filtros</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>Open the student, the cursor in the note</source>
        <translation>Abrir al estudiante, con el cursor en la nota</translation>
    </message>
    <message>
        <source>Up, Down</source>
        <translation>Arriba, Abajo</translation>
    </message>
    <message>
        <source>Move through the roster (the panel follows)</source>
        <translation>Recorrer la lista (el panel la sigue)</translation>
    </message>
    <message>
        <source>Conference</source>
        <translation>Conferencia</translation>
    </message>
    <message>
        <source>The note</source>
        <translation>La nota</translation>
    </message>
    <message>
        <source>The history (Enter edits a note)</source>
        <translation>El historial (Intro edita una nota)</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Back to the roster</source>
        <translation>Volver a la lista de estudiantes</translation>
    </message>
    <message>
        <source>Data and reports</source>
        <translation>Datos e informes</translation>
    </message>
    <message>
        <source>Groups and tutoring</source>
        <translation>Grupos y tutoría</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>The app</source>
        <translation>La aplicación</translation>
    </message>
    <message>
        <source>No content area</source>
        <translation>Sin materia</translation>
    </message>
    <message>
        <source>Reassign all under {mastery} ({waiting})…</source>
        <translation>Reasignar todas bajo {mastery} ({waiting})…</translation>
    </message>
    <message>
        <source>No school set up</source>
        <translation>Ninguna escuela configurada</translation>
    </message>
    <message>
        <source>{shown} of {total} student</source>
        <translation>{shown} de {total} estudiante</translation>
    </message>
    <message>
        <source>{shown} of {total} students</source>
        <translation>{shown} de {total} estudiantes</translation>
    </message>
    <message>
        <source>most in need first</source>
        <translation>más necesidad primero</translation>
    </message>
    <message>
        <source>least in need first</source>
        <translation>menos necesidad primero</translation>
    </message>
    <message>
        <source>No students in this class.</source>
        <translation>No hay estudiantes en esta clase.</translation>
    </message>
    <message>
        <source>No student&apos;s name contains “{search}”.</source>
        <translation>Ningún nombre de estudiante contiene “{search}”.</translation>
    </message>
    <message>
        <source>No students match the chosen filters.</source>
        <translation>Ningún estudiante cumple los filtros elegidos.</translation>
    </message>
    <message>
        <source>{count} other source up to date</source>
        <translation>{count} fuente más al día</translation>
    </message>
    <message>
        <source>{count} other sources up to date</source>
        <translation>{count} fuentes más al día</translation>
    </message>
    <message>
        <source>No import yet</source>
        <translation>Nada importado aún</translation>
    </message>
    <message>
        <source>{source} — older than two school days</source>
        <translation>{source} — con más de dos días de clase</translation>
    </message>
    <message>
        <source>Import a roster and activity (File menu), or sign in to the school server.</source>
        <translation>Importe una lista de estudiantes y la actividad (menú Archivo), o inicie sesión en el servidor de la escuela.</translation>
    </message>
    <message>
        <source>The learner profile could not be saved: {error}</source>
        <translation>El perfil del estudiante no se pudo guardar: {error}</translation>
    </message>
    <message>
        <source>A note is not saved</source>
        <translation>Hay una nota sin guardar</translation>
    </message>
    <message>
        <source>{count} note could not be saved: {error}</source>
        <translation>{count} nota no se pudo guardar: {error}</translation>
    </message>
    <message>
        <source>{count} notes could not be saved: {error}</source>
        <translation>{count} notas no se pudieron guardar: {error}</translation>
    </message>
    <message>
        <source>Close anyway and lose what was not saved, or cancel?</source>
        <translation>¿Cerrar de todos modos y perder lo que no se guardó, o cancelar?</translation>
    </message>
    <message>
        <source>The learner profile is not saved</source>
        <translation>El perfil del estudiante no está guardado</translation>
    </message>
    <message>
        <source>Not everything is saved</source>
        <translation>No todo está guardado</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>{count} estudiante</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} estudiantes</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Deshacer (Ctrl+Z)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Cannot reach the school server at {server}. Check the address and that this laptop is on the school&apos;s network, then try again. Everything you do meanwhile is kept on this laptop.</source>
        <translation>No se puede conectar con el servidor de la escuela en {server}. Revise la dirección y que esta computadora esté en la red de la escuela, y vuelva a intentarlo. Todo lo que haga mientras tanto se guarda en esta computadora.</translation>
    </message>
    <message>
        <source>{problem} Check them and try again.</source>
        <translation>{problem} Revíselos y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>This laptop could not keep the sign-in (its data folder could not be written). Try again; if it keeps failing, ask the school&apos;s IT person.</source>
        <translation>Esta computadora no pudo guardar el inicio de sesión (no se pudo escribir en su carpeta de datos). Vuelva a intentarlo; si sigue fallando, consulte al encargado de informática de la escuela.</translation>
    </message>
    <message>
        <source>The sign-in did not work. Try again; if it keeps failing, ask the school&apos;s IT person.</source>
        <translation>No se pudo iniciar sesión. Vuelva a intentarlo; si sigue fallando, consulte al encargado de informática de la escuela.</translation>
    </message>
    <message>
        <source>{school}: 1 change not yet sent</source>
        <translation>{school}: 1 cambio sin enviar</translation>
    </message>
    <message>
        <source>{school}: {count} changes not yet sent</source>
        <translation>{school}: {count} cambios sin enviar</translation>
    </message>
    <message>
        <source>Not signed in: this laptop holds the work of the person who signed in before for {schools} and cannot check or remove it ({detail}). Nothing was changed; ask the school&apos;s IT person.</source>
        <translation>No se inició sesión: esta computadora guarda el trabajo de la persona que inició sesión antes en {schools} y no puede revisarlo ni quitarlo ({detail}). No se cambió nada; consulte al encargado de informática de la escuela.</translation>
    </message>
    <message>
        <source>Not signed in: {user} signed in on this laptop before you. To take this laptop over, choose {school} in the School menu and sign in there. Nothing was changed.</source>
        <translation>No se inició sesión: {user} inició sesión en esta computadora antes que usted. Para usar esta computadora, elija {school} en el menú Escuela e inicie sesión allí. No se cambió nada.</translation>
    </message>
    <message>
        <source>Not signed in: {user}, who signed in on this laptop before you, has work the school server has not received yet ({waiting}). Ask {user} to sign in and sync (F5) first, so nothing is lost. Nothing was changed.</source>
        <translation>No se inició sesión: {user}, que inició sesión en esta computadora antes que usted, tiene trabajo que el servidor de la escuela aún no ha recibido ({waiting}). Pida a {user} que inicie sesión y sincronice (F5) primero, para que no se pierda nada. No se cambió nada.</translation>
    </message>
    <message>
        <source>this computer does not allow writing there</source>
        <translation>esta computadora no permite escribir allí</translation>
    </message>
    <message>
        <source>that folder does not exist (any more)</source>
        <translation>esa carpeta no existe (o ya no existe)</translation>
    </message>
    <message>
        <source>that is a folder, not a file name</source>
        <translation>es una carpeta, no un nombre de archivo</translation>
    </message>
    <message>
        <source>something went wrong</source>
        <translation>algo salió mal</translation>
    </message>
    <message>
        <source>{file} could not be saved: {why}. Choose another folder or name and try again.</source>
        <translation>No se pudo guardar {file}: {why}. Elija otra carpeta u otro nombre y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>it could not be opened</source>
        <translation>no se pudo abrir</translation>
    </message>
    <message>
        <source>{file} could not be read: {why}. Check that it is still there, then import it again.

Nothing was imported.</source>
        <translation>No se pudo leer {file}: {why}. Compruebe que sigue ahí y vuelva a importarlo.

No se importó nada.</translation>
    </message>
    <message>
        <source>The file</source>
        <translation>El archivo</translation>
    </message>
    <message>
        <source>{problem}.

Nothing was imported. Try again; if it keeps failing, ask the school&apos;s IT person.</source>
        <translation>{problem}.

No se importó nada. Inténtelo de nuevo; si sigue fallando, pida ayuda al encargado de informática de la escuela.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
</context>
<context>
    <name>Months</name>
    <message>
        <source>January</source>
        <translation>enero</translation>
    </message>
    <message>
        <source>February</source>
        <translation>febrero</translation>
    </message>
    <message>
        <source>March</source>
        <translation>marzo</translation>
    </message>
    <message>
        <source>April</source>
        <translation>abril</translation>
    </message>
    <message>
        <source>May</source>
        <translation>mayo</translation>
    </message>
    <message>
        <source>June</source>
        <translation>junio</translation>
    </message>
    <message>
        <source>July</source>
        <translation>julio</translation>
    </message>
    <message>
        <source>August</source>
        <translation>agosto</translation>
    </message>
    <message>
        <source>September</source>
        <translation>septiembre</translation>
    </message>
    <message>
        <source>October</source>
        <translation>octubre</translation>
    </message>
    <message>
        <source>November</source>
        <translation>noviembre</translation>
    </message>
    <message>
        <source>December</source>
        <translation>diciembre</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <source>Mastered</source>
        <translation>Dominada</translation>
    </message>
    <message>
        <source>Mastered on retry</source>
        <translation>Dominada al reintentar</translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation>Reasignada</translation>
    </message>
    <message>
        <source>{count} try</source>
        <translation>{count} intento</translation>
    </message>
    <message>
        <source>{count} tries</source>
        <translation>{count} intentos</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Reasignar</translation>
    </message>
    <message>
        <source>To reassign</source>
        <translation>Para reasignar</translation>
    </message>
    <message>
        <source>Reassigned {day}, waiting for the student&apos;s retry</source>
        <translation>Reasignada el {day}, esperando el nuevo intento del estudiante</translation>
    </message>
    <message>
        <source>Send {unit} back to the student (scored {score}%)</source>
        <translation>Devolver {unit} al estudiante (obtuvo {score}%)</translation>
    </message>
    <message>
        <source>{send} · Ctrl+R reassigns this one, the lowest</source>
        <translation>{send} · Ctrl+R reasigna esta, la más baja</translation>
    </message>
    <message>
        <source>Reassign {unit}</source>
        <translation>Reasignar {unit}</translation>
    </message>
    <message>
        <source>Units mastered</source>
        <extracomment>Arrowing through the roster opens each student; the chart waits until the teacher stops.</extracomment>
        <translation>Unidades dominadas</translation>
    </message>
    <message>
        <source>Average score</source>
        <translation>Puntaje promedio</translation>
    </message>
    <message>
        <source>Minutes</source>
        <extracomment>``None``: nothing to judge (no units, so no average). Per field, values another laptop&apos;s change beat (or that beat this one&apos;s), newest first, only while the field still holds the value they lost to. What the goal&apos;s row says about them, one line per field, each with &quot;Use that&quot;. What the toast says once the step is undone.</extracomment>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Select a student to start a conference.

Arrow keys move through the roster; Enter opens the student&apos;s note.</source>
        <translation>Elija un estudiante para empezar una conferencia.

Las flechas recorren la lista; Intro abre la nota del estudiante.</translation>
    </message>
    <message>
        <source>Back to the roster</source>
        <extracomment>Whether the conference clock should stand still (a menu or dialog is open); the window that hosts the panel says.</extracomment>
        <translation>Volver a la lista de estudiantes</translation>
    </message>
    <message>
        <source>Where this student is in the list Ctrl+Enter walks (it keeps the order it had when the first student was opened)</source>
        <translation>El lugar de este estudiante en la lista que recorre Ctrl+Intro (conserva el orden que tenía cuando se abrió el primer estudiante)</translation>
    </message>
    <message>
        <source>How long this conference has taken; the aim is {seconds} seconds</source>
        <translation>Cuánto lleva esta conferencia; el objetivo es {seconds} segundos</translation>
    </message>
    <message>
        <source>Roster (Esc)</source>
        <translation>Lista (Esc)</translation>
    </message>
    <message>
        <source>Learner profile</source>
        <translation>Perfil del estudiante</translation>
    </message>
    <message>
        <source>Conference note: type while you talk (saved as you type)</source>
        <translation>Nota de conferencia: escriba mientras conversan (se guarda al escribir)</translation>
    </message>
    <message>
        <source>Conference note</source>
        <translation>Nota de conferencia</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Nota</translation>
    </message>
    <message>
        <source>Tag the note “{tag}” (Alt+{number})</source>
        <translation>Etiquetar la nota “{tag}” (Alt+{number})</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>Seguimiento el</translation>
    </message>
    <message>
        <source>ddd MMM d</source>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>Fecha de seguimiento</translation>
    </message>
    <message>
        <source>The day to see the student again</source>
        <translation>El día para volver a ver al estudiante</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>No units completed yet.</source>
        <translation>Todavía no hay unidades completadas.</translation>
    </message>
    <message>
        <source>No goals yet.</source>
        <translation>Todavía no hay metas.</translation>
    </message>
    <message>
        <source>Goal kind</source>
        <translation>Tipo de meta</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>Nueva meta</translation>
    </message>
    <message>
        <source>Goal target</source>
        <translation>Objetivo de la meta</translation>
    </message>
    <message>
        <source>Set goal</source>
        <translation>Fijar meta</translation>
    </message>
    <message>
        <source>Set the goal (Enter in the target box); Ctrl+G comes here</source>
        <translation>Fijar la meta (Intro en la casilla del objetivo); Ctrl+G trae aquí</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Metas</translation>
    </message>
    <message>
        <source>Last {weeks} weeks: minutes and average</source>
        <translation>Últimas {weeks} semanas: minutos y promedio</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Nothing yet: notes, goals and reassignments appear here.</source>
        <translation>Nada todavía: aquí aparecen las notas, metas y reasignaciones.</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <source>Enter or double-click a note to edit it</source>
        <translation>Intro o doble clic en una nota para editarla</translation>
    </message>
    <message>
        <source>Student {position} in this list</source>
        <translation>Estudiante {position} de esta lista</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Week of {day}</source>
        <translation>Semana del {day}</translation>
    </message>
    <message>
        <source>Grade {grade}</source>
        <translation>Grado {grade}</translation>
    </message>
    <message>
        <source>Read only: this account reads the school&apos;s records. Notes, goals and reassignments are made by the class&apos;s teachers.</source>
        <translation>Solo lectura: esta cuenta consulta los registros de la escuela. Las notas, las metas y las reasignaciones las hacen los maestros de la clase.</translation>
    </message>
    <message>
        <source>{count} to reassign</source>
        <translation>{count} para reasignar</translation>
    </message>
    <message>
        <source>{count} to reassign (Ctrl+R: the lowest)</source>
        <translation>{count} para reasignar (Ctrl+R: la más baja)</translation>
    </message>
    <message>
        <source>{count} reassigned, waiting for a retry</source>
        <translation>{count} reasignada, esperando un nuevo intento</translation>
    </message>
    <message>
        <source>{count} reassigned, waiting for retries</source>
        <translation>{count} reasignadas, esperando nuevos intentos</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Change goal</source>
        <translation>Cambiar meta</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved {mark}</source>
        <translation>Guardado {mark}</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>No se guardó: {error}</translation>
    </message>
    <message>
        <source>Empty: the saved text is kept</source>
        <translation>Vacía: se conserva el texto guardado</translation>
    </message>
    <message>
        <source>Goal not set: {error}</source>
        <translation>No se fijó la meta: {error}</translation>
    </message>
    <message>
        <source>{elapsed} of {aim}</source>
        <translation>{elapsed} de {aim}</translation>
    </message>
    <message>
        <source>Celebrate</source>
        <translation>Celebrar</translation>
    </message>
    <message>
        <source>Celebrated {mark}</source>
        <translation>Celebrada {mark}</translation>
    </message>
    <message>
        <source>Drop this goal</source>
        <translation>Quitar esta meta</translation>
    </message>
    <message>
        <source>Celebrate: {goal}</source>
        <translation>Celebrar: {goal}</translation>
    </message>
    <message>
        <source>Drop goal: {goal}</source>
        <translation>Quitar meta: {goal}</translation>
    </message>
    <message>
        <source>no units yet (goal {target}%)</source>
        <translation>todavía sin unidades (meta {target}%)</translation>
    </message>
    <message>
        <source>{average} (goal {target}%)</source>
        <translation>{average} (meta {target}%)</translation>
    </message>
    <message>
        <source>{current} of {target} min</source>
        <translation>{current} de {target} min</translation>
    </message>
    <message>
        <source>{current} of {target}</source>
        <translation>{current} de {target}</translation>
    </message>
    <message>
        <source>{minutes} (target {target})</source>
        <translation>{minutes} (meta {target})</translation>
    </message>
    <message>
        <source>{mastered} (target {low}-{high})</source>
        <translation>{mastered} (meta {low}-{high})</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Promedio</translation>
    </message>
    <message>
        <source>no units yet (target {target}%)</source>
        <translation>todavía sin unidades (meta {target}%)</translation>
    </message>
    <message>
        <source>{average} (target {target}%)</source>
        <translation>{average} (meta {target}%)</translation>
    </message>
    <message>
        <source>No earlier conference notes.</source>
        <extracomment>The clock stands still while a menu or a dialog has the keyboard (``pause``). Notes whose save failed, by student, kept while the app runs: opening the student again puts the note back in the box and tries again. A failed save is never dropped.</extracomment>
        <translation>No hay notas de conferencias anteriores.</translation>
    </message>
    <message>
        <source>{day}, edited {edited}</source>
        <translation>{day}, editada el {edited}</translation>
    </message>
    <message>
        <source>Last time ({when}): {note}</source>
        <translation>La última vez ({when}): {note}</translation>
    </message>
    <message>
        <source>Follow up {day}</source>
        <translation>Seguimiento el {day}</translation>
    </message>
    <message>
        <source>Reassigned {unit} to {student}</source>
        <translation>{unit} reasignada a {student}</translation>
    </message>
    <message>
        <source>Undone: {unit} is no longer reassigned to {student}</source>
        <translation>Deshecho: {unit} ya no está reasignada a {student}</translation>
    </message>
    <message>
        <source>Reassigned {units} unit for {students}</source>
        <translation>{units} unidad reasignada a {students}</translation>
    </message>
    <message>
        <source>Reassigned {units} units for {students}</source>
        <translation>{units} unidades reasignadas a {students}</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>{count} estudiante</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} estudiantes</translation>
    </message>
    <message>
        <source>Dropped {student}&apos;s goal: {goal}</source>
        <translation>Se quitó la meta de {student}: {goal}</translation>
    </message>
    <message>
        <source>Undone: {student}&apos;s goal is back: {goal}</source>
        <translation>Deshecho: la meta de {student} volvió: {goal}</translation>
    </message>
    <message>
        <source>Met: {goal}</source>
        <translation>Cumplida: {goal}</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{count} unit</source>
        <translation>{count} unidad</translation>
    </message>
    <message>
        <source>{count} units</source>
        <translation>{count} unidades</translation>
    </message>
    <message>
        <source>Changed {where}: target {theirs}{more}; kept {kept}</source>
        <translation>Cambiada {where}: meta {theirs}{more}; se conservó {kept}</translation>
    </message>
    <message>
        <source>Use that target, {theirs}, for the goal: {goal}</source>
        <translation>Usar esa meta, {theirs}, para: {goal}</translation>
    </message>
    <message>
        <source>Dropped {where}{more}; kept as an active goal</source>
        <translation>Quitada {where}{more}; se conservó como meta activa</translation>
    </message>
    <message>
        <source>Use that: drop the goal {goal}</source>
        <translation>Usar ese: quitar la meta {goal}</translation>
    </message>
    <message>
        <source>Kept active {where}{more}; dropped</source>
        <translation>Conservada activa {where}{more}; quitada</translation>
    </message>
    <message>
        <source>Use that: keep the goal {goal}</source>
        <translation>Usar ese: conservar la meta {goal}</translation>
    </message>
    <message>
        <source>{position} of {total}</source>
        <translation>{position} de {total}</translation>
    </message>
</context>
<context>
    <name>Passphrase</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>Elija una frase de contraseña</translation>
    </message>
    <message>
        <source>Unlock Classroom Desk</source>
        <translation>Desbloquear Classroom Desk</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>Type it &amp;again</source>
        <translation>Escríbala &amp;otra vez</translation>
    </message>
    <message>
        <source>Use this passphrase</source>
        <translation>Usar esta frase</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation>Primero escriba la frase de contraseña.</translation>
    </message>
    <message>
        <source>The two passphrases differ; type them again.</source>
        <translation>Las dos frases no coinciden; escríbalas otra vez.</translation>
    </message>
    <message>
        <source>This computer has no secure password store (keyring), so Classroom Desk cannot keep the key that locks your students&apos; data. Choose a passphrase instead: you will type it each time the app starts. Nobody, not even school IT, can open the data without it, so keep it somewhere safe.</source>
        <extracomment>Scripts and CI on a machine without a keyring may hand the passphrase in this environment variable (as restic and borg do); it is never read from a file. Argon2id costs (RFC 9106&apos;s second recommended option, with 64 MiB): about a quarter of a second on a classroom laptop, once per start.</extracomment>
        <translation>Este equipo no tiene un almacén seguro de contraseñas (keyring), así que Classroom Desk no puede guardar la clave que protege los datos de sus estudiantes. En su lugar, elija una frase de contraseña: la escribirá cada vez que abra la aplicación. Nadie, ni siquiera el personal de informática de la escuela, puede abrir los datos sin ella, así que guárdela en un lugar seguro.</translation>
    </message>
    <message>
        <source>Type the passphrase that unlocks the students&apos; data in {folder}.</source>
        <extracomment>choosing a passphrase (type it twice) rather than unlocking Asked again: the passphrase typed before did not unlock the data.</extracomment>
        <translation>Escriba la frase de contraseña que desbloquea los datos de los estudiantes en {folder}.</translation>
    </message>
    <message>
        <source>That passphrase does not unlock the data. {message}</source>
        <translation>Esa frase de contraseña no desbloquea los datos. {message}</translation>
    </message>
    <message>
        <source>Use at least {count} characters: a few words you will remember, like &apos;maple river lantern&apos;.</source>
        <extracomment>Asks the teacher; returns the passphrase, or ``None`` when they cancel. What keyring&apos;s own Linux backends other than the Secret Service need: KWallet needs dbus-python, libsecret needs PyGObject. Without them (the app installs neither) and without a third-party plugin, keyring&apos;s search can only pick the Secret Service.</extracomment>
        <translation>Use al menos {count} caracteres: unas palabras que recuerde, como &apos;arce río farol&apos;.</translation>
    </message>
    <message>
        <source>That passphrase repeats too few characters; use a few different words.</source>
        <translation>Esa frase de contraseña repite demasiado pocos caracteres; use varias palabras distintas.</translation>
    </message>
    <message>
        <source>No passphrase was given, so the students&apos; data stays locked.</source>
        <translation>No se escribió ninguna frase de contraseña, así que los datos de los estudiantes siguen bloqueados.</translation>
    </message>
    <message>
        <source>That passphrase was not used: {problem}</source>
        <translation>No se usó esa frase de contraseña: {problem}</translation>
    </message>
</context>
<context>
    <name>PlanMenu</name>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;Planificar</translation>
    </message>
    <message>
        <source>Groups for this week…</source>
        <translation>Grupos de esta semana…</translation>
    </message>
    <message>
        <source>Rotation board…</source>
        <translation>Tablero de rotación…</translation>
    </message>
    <message>
        <source>Tutoring…</source>
        <translation>Tutoría…</translation>
    </message>
    <message>
        <source>Groups and tutoring report…</source>
        <translation>Informe de grupos y tutoría…</translation>
    </message>
    <message>
        <source>Choose one class (not All classes) to plan its groups and tutoring.</source>
        <translation>Elija una sola clase (no Todas las clases) para planificar sus grupos y tutoría.</translation>
    </message>
    <message>
        <source>Export the groups and tutoring report</source>
        <translation>Exportar el informe de grupos y tutoría</translation>
    </message>
</context>
<context>
    <name>Plans</name>
    <message>
        <source>Read only: this account reads the school&apos;s records. Groups, stations and tutoring are planned by the class&apos;s teachers.</source>
        <extracomment>What could not be done, in words (a refused save, a bad value).</extracomment>
        <translation>Solo lectura: esta cuenta consulta los registros de la escuela. Los grupos, las estaciones y las tutorías los planifican los maestros de la clase.</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <source>Support priority (higher first): 100 for no activity this week; up to 30 each for how far minutes, average score and units mastered are below the school&apos;s thresholds; up to 10 for days since the last conference. Ties by name.</source>
        <translation>Prioridad de apoyo (mayor primero): 100 si no hay actividad esta semana; hasta 30 por cuánto están los minutos, el promedio y las unidades dominadas por debajo de las metas de la escuela; hasta 10 por los días desde la última conferencia. Los empates, por nombre.</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <source>What the student does well</source>
        <translation>Lo que el estudiante hace bien</translation>
    </message>
    <message>
        <source>Where the student needs support</source>
        <translation>Dónde necesita apoyo el estudiante</translation>
    </message>
    <message>
        <source>What the student cares about</source>
        <translation>Lo que le interesa al estudiante</translation>
    </message>
    <message>
        <source>Accommodations and supports that help</source>
        <translation>Adecuaciones y apoyos que le ayudan</translation>
    </message>
    <message>
        <source>Interventions in place (what, how often, since when)</source>
        <translation>Intervenciones en curso (cuál, con qué frecuencia, desde cuándo)</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>Show or hide the learner profile (Alt+P)</source>
        <translation>Mostrar u ocultar el perfil del estudiante (Alt+P)</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>Fortalezas</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Necesidades</translation>
    </message>
    <message>
        <source>Interests</source>
        <translation>Intereses</translation>
    </message>
    <message>
        <source>Supports</source>
        <translation>Apoyos</translation>
    </message>
    <message>
        <source>Interventions</source>
        <translation>Intervenciones</translation>
    </message>
    <message>
        <source>MTSS tier</source>
        <translation>Nivel MTSS</translation>
    </message>
    <message>
        <source>No tier</source>
        <extracomment>How much of a losing text the section quotes (its tooltip has all of it).</extracomment>
        <translation>Sin nivel</translation>
    </message>
    <message>
        <source>Tier 1</source>
        <translation>Nivel 1</translation>
    </message>
    <message>
        <source>Tier 2</source>
        <translation>Nivel 2</translation>
    </message>
    <message>
        <source>Tier 3</source>
        <translation>Nivel 3</translation>
    </message>
    <message>
        <source>{count} field has another laptop&apos;s value</source>
        <extracomment>The school&apos;s calendar, for when a losing value was written (none: not said).</extracomment>
        <translation>{count} campo tiene el valor de otra computadora</translation>
    </message>
    <message>
        <source>{count} fields have another laptop&apos;s value</source>
        <translation>{count} campos tienen el valor de otra computadora</translation>
    </message>
    <message>
        <source>nothing noted yet</source>
        <translation>nada anotado todavía</translation>
    </message>
    <message>
        <source>(cleared)</source>
        <translation>(borrado)</translation>
    </message>
    <message>
        <source>Written {where}: {value}{more}</source>
        <translation>Escrito {where}: {value}{more}</translation>
    </message>
    <message>
        <source>Also written {where}: {value}{more}</source>
        <translation>También escrito {where}: {value}{more}</translation>
    </message>
    <message>
        <source>Use that {field}: {value}</source>
        <translation>Usar ese valor de {field}: {value}</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>yes</source>
        <extracomment>A text cell starting with one of these would be run as a formula by a spreadsheet.</extracomment>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>No rows.</source>
        <extracomment>A page is Letter, portrait unless the table&apos;s cells need the width: then landscape.</extracomment>
        <translation>Sin filas.</translation>
    </message>
    <message>
        <source>{title} (page {number} of {pages})</source>
        <translation>{title} (página {number} de {pages})</translation>
    </message>
    <message>
        <source>{student}: progress in {area}</source>
        <translation>{student}: progreso en {area}</translation>
    </message>
    <message>
        <source>The last twelve weeks</source>
        <translation>Las últimas doce semanas</translation>
    </message>
    <message>
        <source>{student}: groups and tutoring, {month}</source>
        <translation>{student}: grupos y tutoría, {month}</translation>
    </message>
    <message>
        <source>Student</source>
        <extracomment>(id, name) of the school&apos;s content areas, in the school&apos;s order. (class id, content area id) -&gt; its students by family name (every one enrolled). The last school day the figures cover when the month was not over as they were computed (the month so far); None for a whole month. The school week&apos;s first day when the figures are a week&apos;s (``year`` and ``month`` are that day&apos;s); None for a month.</extracomment>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Average %</source>
        <translation>Promedio %</translation>
    </message>
    <message>
        <source>Where they stand</source>
        <translation>Situación</translation>
    </message>
    <message>
        <source>no scored units</source>
        <translation>sin unidades calificadas</translation>
    </message>
    <message>
        <source>Class chart: {title}</source>
        <translation>Gráfica de la clase: {title}</translation>
    </message>
    <message>
        <source>Minutes this week against average unit score; lines at {minutes} minutes and {average}%</source>
        <translation>Minutos de esta semana frente al promedio de las unidades; líneas en {minutes} minutos y {average}%</translation>
    </message>
    <message>
        <source>{month} {year}</source>
        <extracomment>Units a student should master in a month (two to three a week, DESIGN.md). Row indexes whose values fall short of a target, per column (for red text).</extracomment>
        <translation>{month} de {year}</translation>
    </message>
    <message>
        <source>{student}: {area}, {month}</source>
        <extracomment>The student&apos;s small groups and tutoring, each week of the month.</extracomment>
        <translation>{student}: {area}, {month}</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medida</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Meta</translation>
    </message>
    <message>
        <source>Minutes of practice</source>
        <translation>Minutos de práctica</translation>
    </message>
    <message>
        <source>Units completed</source>
        <translation>Unidades completadas</translation>
    </message>
    <message>
        <source>Units mastered ({mastery}% or more)</source>
        <translation>Unidades dominadas ({mastery}% o más)</translation>
    </message>
    <message>
        <source>Mastery average %</source>
        <translation>Promedio de dominio %</translation>
    </message>
    <message>
        <source>Week by week</source>
        <translation>Semana a semana</translation>
    </message>
    <message>
        <source>Each week: at least {minutes} minutes, {units} units mastered, {average}% average</source>
        <translation>Cada semana: al menos {minutes} minutos, {units} unidades dominadas, {average}% de promedio</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Units mastered</source>
        <translation>Unidades dominadas</translation>
    </message>
    <message>
        <source>From a summary</source>
        <translation>De un resumen</translation>
    </message>
    <message>
        <source>Each unit counts once: in the week of its latest attempt this month, and as mastered in the week it first reached the mastery score.</source>
        <translation>Cada unidad cuenta una vez: en la semana de su último intento de este mes, y como dominada en la semana en que alcanzó por primera vez el puntaje de dominio.</translation>
    </message>
    <message>
        <source>Latest units</source>
        <translation>Últimas unidades</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Latest score %</source>
        <translation>Último puntaje %</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Where it stands</source>
        <translation>Situación</translation>
    </message>
    <message>
        <source>Whole month</source>
        <translation>Todo el mes</translation>
    </message>
    <message>
        <source>Week of {day}</source>
        <translation>Semana del {day}</translation>
    </message>
    <message>
        <source>{week} ({first} to {last})</source>
        <translation>{week} ({first} al {last})</translation>
    </message>
    <message>
        <source>mastered</source>
        <translation>dominada</translation>
    </message>
    <message>
        <source>mastered on retry</source>
        <translation>dominada al reintentar</translation>
    </message>
    <message>
        <source>to reassign</source>
        <translation>para reasignar</translation>
    </message>
    <message>
        <source>reassigned</source>
        <translation>reasignada</translation>
    </message>
    <message>
        <source>time and average met</source>
        <translation>tiempo y promedio cumplidos</translation>
    </message>
    <message>
        <source>needs time</source>
        <translation>necesita tiempo</translation>
    </message>
    <message>
        <source>needs mastery</source>
        <translation>necesita dominio</translation>
    </message>
    <message>
        <source>needs time and mastery</source>
        <translation>necesita tiempo y dominio</translation>
    </message>
    <message>
        <source>a student of another class</source>
        <translation>un estudiante de otra clase</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <source>void</source>
        <translation>anulada</translation>
    </message>
    <message>
        <source>week of {start} to {end}, {year}</source>
        <translation>semana del {start} al {end} de {year}</translation>
    </message>
    <message>
        <source>Groups and tutoring: {section}</source>
        <translation>Grupos y tutoría: {section}</translation>
    </message>
    <message>
        <source>Small groups in {area}</source>
        <translation>Grupos pequeños en {area}</translation>
    </message>
    <message>
        <source>As accepted in the groups view; a student is in one group per block.</source>
        <translation>Como se aceptaron en la vista de grupos; cada estudiante está en un grupo por bloque.</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Tutoring dosage this week</source>
        <translation>Dosis de tutoría esta semana</translation>
    </message>
    <message>
        <source>Sessions attended (not voided) against each group&apos;s plan.</source>
        <translation>Sesiones a las que asistió (no anuladas) frente al plan de cada grupo.</translation>
    </message>
    <message>
        <source>Tutoring group</source>
        <translation>Grupo de tutoría</translation>
    </message>
    <message>
        <source>Tutor</source>
        <translation>Tutor</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Plan met</source>
        <translation>Plan cumplido</translation>
    </message>
    <message>
        <source>Tutoring sessions this week</source>
        <translation>Sesiones de tutoría esta semana</translation>
    </message>
    <message>
        <source>Newest first; a session logged by mistake is kept and marked void.</source>
        <translation>Las más recientes primero; una sesión registrada por error se conserva marcada como anulada.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>Enfoque</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>Asistieron</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Groups and tutoring</source>
        <translation>Grupos y tutoría</translation>
    </message>
    <message>
        <source>Small groups joined in this area and tutoring sessions attended, by week</source>
        <translation>Grupos pequeños de esta materia y sesiones de tutoría a las que asistió, por semana</translation>
    </message>
    <message>
        <source>Small groups</source>
        <translation>Grupos pequeños</translation>
    </message>
    <message>
        <source>Tutoring sessions</source>
        <translation>Sesiones de tutoría</translation>
    </message>
    <message>
        <source>Tutoring minutes</source>
        <translation>Minutos de tutoría</translation>
    </message>
    <message>
        <source>Week of {span}</source>
        <extracomment>OneRoster&apos;s grade codes (CEDS) before grade 1 and after grade 13, in school order, with the short forms schools also write (P, K).</extracomment>
        <translation>Semana del {span}</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>Units target met</source>
        <translation>Meta de unidades cumplida</translation>
    </message>
    <message>
        <source>Average target met</source>
        <translation>Meta de promedio cumplida</translation>
    </message>
    <message>
        <source>Skills Summary: {section}, {area}</source>
        <translation>Resumen de habilidades: {section}, {area}</translation>
    </message>
    <message>
        <source>{month} · {school} · targets: {minutes} minutes in the month ({weekly} a week), {units} units mastered a month, {average}% mastery average (each unit&apos;s latest score in the month)</source>
        <translation>{month} · {school} · metas: {minutes} minutos en el mes ({weekly} por semana), {units} unidades dominadas al mes, {average}% de promedio de dominio (el último puntaje de cada unidad en el mes)</translation>
    </message>
    <message>
        <source>{month} · {school} · targets: {minutes} minutes in the week, {units} units mastered a week, {average}% mastery average (each unit&apos;s latest score in the week)</source>
        <translation>{month} · {school} · metas: {minutes} minutos en la semana, {units} unidades dominadas a la semana, {average}% de promedio de dominio (el último puntaje de cada unidad en la semana)</translation>
    </message>
    <message>
        <source>Class ({count} students)</source>
        <translation>Clase ({count} estudiantes)</translation>
    </message>
    <message>
        <source>The class line gives means per student; the target columns count the students meeting each target.</source>
        <translation>La línea de la clase da promedios por estudiante; las columnas de metas cuentan a los estudiantes que cumplen cada meta.</translation>
    </message>
    <message>
        <source>&apos;From a summary&apos;: some figures came from a platform&apos;s summary export, which has no per-unit scores; its units count as completed and mastered (passed).</source>
        <translation>&apos;De un resumen&apos;: algunas cifras vienen del resumen exportado por una plataforma, que no tiene puntajes por unidad; sus unidades cuentan como completadas y dominadas (aprobadas).</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Docente</translation>
    </message>
    <message>
        <source>Content area</source>
        <translation>Materia</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>Units mastered per student</source>
        <translation>Unidades dominadas por estudiante</translation>
    </message>
    <message>
        <source>Students at units target</source>
        <translation>Estudiantes en la meta de unidades</translation>
    </message>
    <message>
        <source>Students at average target</source>
        <translation>Estudiantes en la meta de promedio</translation>
    </message>
    <message>
        <source>Skills Summary: {school}</source>
        <translation>Resumen de habilidades: {school}</translation>
    </message>
    <message>
        <source>every class by grade</source>
        <translation>todas las clases por grado</translation>
    </message>
    <message>
        <source>{title}, Grade {grade}</source>
        <translation>{title}, Grado {grade}</translation>
    </message>
    <message>
        <source>the classes of Grade {grade}</source>
        <translation>las clases del grado {grade}</translation>
    </message>
    <message>
        <source>{month} (to {day})</source>
        <translation>{month} (hasta el {day})</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clases</translation>
    </message>
    <message>
        <source>Minutes per student</source>
        <translation>Minutos por estudiante</translation>
    </message>
    <message>
        <source>{month} · {classes} · targets: {minutes} minutes in the month ({weekly} a week), {units} units mastered a month, {average}% mastery average</source>
        <translation>{month} · {classes} · metas: {minutes} minutos en el mes ({weekly} por semana), {units} unidades dominadas al mes, {average}% de promedio de dominio</translation>
    </message>
    <message>
        <source>{month} · {classes} · targets: {minutes} minutes in the week, {units} units mastered a week, {average}% mastery average</source>
        <translation>{month} · {classes} · metas: {minutes} minutos en la semana, {units} unidades dominadas a la semana, {average}% de promedio de dominio</translation>
    </message>
    <message>
        <source>Minutes, units mastered and mastery average are means over each class&apos;s students.</source>
        <translation>Los minutos, las unidades dominadas y el promedio de dominio son promedios de los estudiantes de cada clase.</translation>
    </message>
    <message>
        <source>At time target %</source>
        <translation>% en la meta de tiempo</translation>
    </message>
    <message>
        <source>At units target %</source>
        <translation>% en la meta de unidades</translation>
    </message>
    <message>
        <source>At average target %</source>
        <translation>% en la meta de promedio</translation>
    </message>
    <message>
        <source>{school}: {area} by grade</source>
        <translation>{school}: {area} por grado</translation>
    </message>
    <message>
        <source>{month} · targets: {minutes} minutes in the month ({weekly} a week), {units} units mastered, {average}% mastery average</source>
        <translation>{month} · metas: {minutes} minutos en el mes ({weekly} por semana), {units} unidades dominadas, {average}% de promedio de dominio</translation>
    </message>
    <message>
        <source>{month} · targets: {minutes} minutes in the week, {units} units mastered, {average}% mastery average</source>
        <translation>{month} · metas: {minutes} minutos en la semana, {units} unidades dominadas, {average}% de promedio de dominio</translation>
    </message>
    <message>
        <source>Per student figures are means; the % columns are the share of the grade&apos;s students meeting each target (the average&apos;s, of those with a score).</source>
        <translation>Las cifras por estudiante son medias; las columnas % son la parte de los estudiantes del grado que cumplen cada meta (la del promedio, de quienes tienen una nota).</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>Grade {grade}</source>
        <translation>Grado {grade}</translation>
    </message>
    <message>
        <source>{scope}: {area} month by month</source>
        <translation>{scope}: {area} mes a mes</translation>
    </message>
    <message>
        <source>Targets: {weekly} minutes a week (each month&apos;s weeks), {units} units mastered a month, {average}% mastery average</source>
        <translation>Metas: {weekly} minutos por semana (las semanas de cada mes), {units} unidades dominadas al mes, {average}% de promedio de dominio</translation>
    </message>
    <message>
        <source>Per student figures are means; the % columns are the share of the students meeting each target (the average&apos;s, of those with a score).</source>
        <translation>Las cifras por estudiante son medias; las columnas % son la parte de los estudiantes que cumplen cada meta (la del promedio, de quienes tienen una nota).</translation>
    </message>
</context>
<context>
    <name>Restore</name>
    <message>
        <source>Restore from backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
        <source>Backups are taken every day, before each roster import and before an app upgrade. Choose one to see what restoring it would change.</source>
        <translation>Se hacen copias de seguridad cada día, antes de cada importación de la lista y antes de actualizar la aplicación. Elija una para ver qué cambiaría al restaurarla.</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>Restaurar esta copia</translation>
    </message>
    <message>
        <source>No backup yet: the first is taken today.</source>
        <translation>Todavía no hay copias: la primera se hace hoy.</translation>
    </message>
    <message>
        <source>Comparing with the store as it is now…</source>
        <translation>Comparando con los datos actuales…</translation>
    </message>
    <message>
        <source>Restoring it would change:
{changes}</source>
        <translation>Restaurarla cambiaría:
{changes}</translation>
    </message>
    <message>
        <source>Restore the backup of {backup}?

The store as it is now is kept as a backup first, so this can be undone.</source>
        <translation>¿Restaurar la copia del {backup}?

Antes se guarda una copia de los datos actuales, así que se puede deshacer.</translation>
    </message>
    <message>
        <source>Restored the backup {backup}. The store as it was just before is kept as {kept}. Changes already synced come back at the next sync.</source>
        <extracomment>date, why it was taken, size</extracomment>
        <translation>Se restauró la copia {backup}. Los datos de justo antes se guardan como {kept}. Los cambios ya sincronizados vuelven en la próxima sincronización.</translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <source>Units reassigned and waiting for the student&apos;s retry</source>
        <translation>Unidades reasignadas que esperan el nuevo intento del estudiante</translation>
    </message>
    <message>
        <source>Active goals in this content area that this week&apos;s data meets</source>
        <translation>Metas activas de esta materia que los datos de esta semana cumplen</translation>
    </message>
    <message>
        <source>{met} of {total}</source>
        <translation>{met} de {total}</translation>
    </message>
    <message>
        <source>{sessions} · {minutes} min</source>
        <translation>{sessions} · {minutes} min</translation>
    </message>
    <message>
        <source>{days} days ago</source>
        <translation>hace {days} días</translation>
    </message>
    <message>
        <source>No students to show.</source>
        <extracomment>Hidden in a fresh window, so the roster fits beside the student panel on a 1366-pixel screen: the panel shows pending reassignments and the last activity, and the roster&apos;s order already is the support priority (the status bar says so). &quot;Tutoring&quot; is one right-click away (its filter chip, Ctrl+7, is always there). Always shown, whatever the width: who, how they stand, and the three weekly figures. When the roster is too narrow for every column the teacher chose, these give way first, in this order (and come back, last out first in, when there is room again). The selected row: white on dark blue while the roster has the keyboard (7:1), black on pale blue while the panel has it, so the two never look the same.</extracomment>
        <translation>No hay estudiantes para mostrar.</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>{column} (no room: widen the window)</source>
        <translation>{column} (no cabe: agrande la ventana)</translation>
    </message>
    <message>
        <source>Includes a platform summary: {minutes} min, {completed} units completed and {passed} passed, with no per-unit detail to reassign from</source>
        <extracomment>Tutoring this week: (sessions, minutes); None for a student not being tutored. The average as the roster shows it (never rounded across the school&apos;s target).</extracomment>
        <translation>Incluye un resumen de la plataforma: {minutes} min, {completed} unidades completadas y {passed} aprobadas, sin detalle por unidad para reasignar</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Not in a tutoring group this week</source>
        <translation>No está en un grupo de tutoría esta semana</translation>
    </message>
    <message>
        <source>Tutoring this week: {sessions} session, {minutes} minutes</source>
        <translation>Tutoría esta semana: {sessions} sesión, {minutes} minutos</translation>
    </message>
    <message>
        <source>Tutoring this week: {sessions} sessions, {minutes} minutes</source>
        <translation>Tutoría esta semana: {sessions} sesiones, {minutes} minutos</translation>
    </message>
    <message>
        <source>{first} or {last}</source>
        <translation>{first} o {last}</translation>
    </message>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message>
        <source>No classes yet. Import a roster (File menu), or sign in to the school server.</source>
        <extracomment>Each filter as one bit, so a row&apos;s flags are one int: a filter test is an ``&amp;`` and the chip counts tally a few distinct ints (enum members hash in Python, ints in C). How fresh each data source is, as of the last load (roster first).</extracomment>
        <translation>Aún no hay clases. Importe una lista de estudiantes (menú Archivo), o inicie sesión en el servidor de la escuela.</translation>
    </message>
    <message>
        <source>No content area is set up yet: there are no minutes or units to show.</source>
        <translation>Aún no hay ninguna materia: no hay minutos ni unidades que mostrar.</translation>
    </message>
    <message>
        <source>None of the classes is a {areas} class: Classroom Desk shows minutes and units of {areas} classes only.</source>
        <translation>Ninguna de las clases es una clase de {areas}: Classroom Desk muestra los minutos y las unidades solo de las clases de {areas}.</translation>
    </message>
    <message>
        <source>{section} is not a {areas} class: Classroom Desk shows minutes and units of {areas} classes only.</source>
        <translation>{section} no es una clase de {areas}: Classroom Desk muestra los minutos y las unidades solo de las clases de {areas}.</translation>
    </message>
    <message>
        <source>Choose one in the Class box.</source>
        <translation>Elija una en el cuadro Clase.</translation>
    </message>
    <message>
        <source>This week · {span}</source>
        <translation>Esta semana · {span}</translation>
    </message>
    <message>
        <source>Week of {span}</source>
        <translation>Semana del {span}</translation>
    </message>
</context>
<context>
    <name>RosterFilter</name>
    <message>
        <source>Below {average}%</source>
        <translation>Bajo {average}%</translation>
    </message>
    <message>
        <source>Under {minutes} min</source>
        <translation>Menos de {minutes} min</translation>
    </message>
    <message>
        <source>Fewer than {units} mastered</source>
        <translation>Menos de {units} dominadas</translation>
    </message>
    <message>
        <source>To reassign</source>
        <translation>Para reasignar</translation>
    </message>
    <message>
        <source>No activity</source>
        <translation>Sin actividad</translation>
    </message>
    <message>
        <source>Not seen in {days} days</source>
        <translation>Sin conferencia en {days} días</translation>
    </message>
    <message>
        <source>Tutoring this week</source>
        <translation>Tutoría esta semana</translation>
    </message>
    <message>
        <source>Average unit score this week under {average}%</source>
        <translation>Promedio de las unidades esta semana bajo {average}%</translation>
    </message>
    <message>
        <source>Fewer than {minutes} minutes this week</source>
        <translation>Menos de {minutes} minutos esta semana</translation>
    </message>
    <message>
        <source>Fewer than {units} units mastered (scored {mastery}% or more) this week</source>
        <translation>Menos de {units} unidades dominadas (con {mastery}% o más) esta semana</translation>
    </message>
    <message>
        <source>Has units whose latest score is under {mastery}% and that were not reassigned since</source>
        <translation>Tiene unidades cuyo último puntaje es menor que {mastery}% y que no se han reasignado desde entonces</translation>
    </message>
    <message>
        <source>No minutes and no units this week</source>
        <translation>Sin minutos ni unidades esta semana</translation>
    </message>
    <message>
        <source>No conference note in the last {days} days</source>
        <translation>Sin nota de conferencia en los últimos {days} días</translation>
    </message>
    <message>
        <source>In a tutoring group, or tutored this week</source>
        <translation>En un grupo de tutoría, o con tutoría esta semana</translation>
    </message>
</context>
<context>
    <name>RosterImport</name>
    <message>
        <source>an org</source>
        <extracomment>Checked only when the package or an earlier import provides the target file: packages often leave courses out while classes still name theirs.</extracomment>
        <translation>una organización</translation>
    </message>
    <message>
        <source>a course</source>
        <translation>un curso</translation>
    </message>
    <message>
        <source>a user</source>
        <translation>un usuario</translation>
    </message>
    <message>
        <source>a class</source>
        <translation>una clase</translation>
    </message>
    <message>
        <source>{kind}.csv names {target_kind} in {column}, but the package has no {target_kind}.csv; those names were not checked.</source>
        <translation>{kind}.csv nombra {target_kind} en {column}, pero el paquete no tiene {target_kind}.csv; esos nombres no se comprobaron.</translation>
    </message>
    <message>
        <source>expected {column} to name {target_noun} in {target_kind}.csv (or one imported before); {value} is not one</source>
        <translation>se esperaba que {column} nombrara {target_noun} de {target_kind}.csv (o uno importado antes); {value} no lo es</translation>
    </message>
    <message>
        <source>enrollments and roles of classes or users the SIS deleted: {dropped}</source>
        <translation>matrículas y roles de clases o usuarios que el SIS eliminó: {dropped}</translation>
    </message>
    <message>
        <source>students</source>
        <extracomment>Each kind as the report names it (translated where it is said).</extracomment>
        <translation>estudiantes</translation>
    </message>
    <message>
        <source>teachers</source>
        <translation>docentes</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>clases</translation>
    </message>
    <message>
        <source>enrollments</source>
        <translation>matrículas</translation>
    </message>
    <message>
        <source>{count} added</source>
        <extracomment>Each change as the report words it (``{count} added``), in the order it lists them.</extracomment>
        <translation>{count} altas</translation>
    </message>
    <message>
        <source>{count} updated</source>
        <translation>{count} cambios</translation>
    </message>
    <message>
        <source>{count} removed</source>
        <translation>{count} bajas</translation>
    </message>
    <message>
        <source>{count} made inactive</source>
        <translation>{count} pasan a inactivos</translation>
    </message>
    <message>
        <source>{count} kept</source>
        <translation>{count} se conservan</translation>
    </message>
    <message>
        <source>{kind} {changes}</source>
        <extracomment>Changes named in the one-line summary even when there are none. Students the SIS no longer lists that stay, inactive, because activity, notes, goals, a profile or reassignments refer to them. Teachers or classes the SIS no longer lists that stay because an account or a co-teacher refers to them.</extracomment>
        <translation>{kind}: {changes}</translation>
    </message>
    <message>
        <source>{names} and {more} more</source>
        <translation>{names} y {more} más</translation>
    </message>
    <message>
        <source>{file} is {format}; it was read as such.</source>
        <extracomment>OneRoster, or School Data Sync, and its version. The school&apos;s sourcedId (a server importing a district imports each school). False for a dry run: the store was left as it was. What needs a yes (many students or teachers going, a class with activity), if anything does, and the likely cause; said on a dry run, confirmed on an import. Things the teacher should know, such as a default the SIS could not supply. What was read but not imported, and why (files, columns, rows).</extracomment>
        <translation>{file} es {format}; se leyó como tal.</translation>
    </message>
    <message>
        <source>{format} {version} roster for {school} from {package}</source>
        <translation>la lista {format} {version} de {school} desde {package}</translation>
    </message>
    <message>
        <source>{format} {version} roster from {package}</source>
        <translation>la lista {format} {version} desde {package}</translation>
    </message>
    <message>
        <source>Imported {what}</source>
        <translation>Se importó {what}</translation>
    </message>
    <message>
        <source>Dry run of the {what}: nothing was changed</source>
        <translation>Prueba de {what}: no se cambió nada</translation>
    </message>
    <message>
        <source>This import removed or made inactive {going}</source>
        <translation>Esta importación quitó o dejó inactivos {going}</translation>
    </message>
    <message>
        <source>This import would remove or make inactive {going}</source>
        <translation>Esta importación quitaría o dejaría inactivos {going}</translation>
    </message>
    <message>
        <source>{said}. Likely cause: {cause}.</source>
        <translation>{said}. Causa probable: {cause}.</translation>
    </message>
    <message>
        <source>{file} ({mode}, {rows} row)</source>
        <translation>{file} ({mode}, {rows} fila)</translation>
    </message>
    <message>
        <source>{file} ({mode}, {rows} rows)</source>
        <translation>{file} ({mode}, {rows} filas)</translation>
    </message>
    <message>
        <source>no roster files</source>
        <translation>ningún archivo de la lista</translation>
    </message>
    <message>
        <source>Read {files}.</source>
        <translation>Se leyó {files}.</translation>
    </message>
    <message>
        <source>Not imported: {what}.</source>
        <translation>No se importa: {what}.</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>saving the roster</source>
        <extracomment>OneRoster carries no time zone; a new school starts here and the school changes it. Our content areas (id, name), created when missing; found by id or by name.</extracomment>
        <translation>guardando la lista de estudiantes</translation>
    </message>
    <message>
        <source>{count} class</source>
        <translation>{count} clase</translation>
    </message>
    <message>
        <source>{count} classes</source>
        <translation>{count} clases</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>expected --school to name a school of the package ({named}); {choice} is not one</source>
        <translation>se esperaba que --school nombrara una escuela del paquete ({named}); {choice} no lo es</translation>
    </message>
    <message>
        <source>expected one school (a store holds one); the package holds {count} with classes: {listed}: choose one with --school (such as --school {sourced_id})</source>
        <translation>se esperaba una sola escuela (los datos guardan una); el paquete tiene {count} con clases: {listed}: elija una con --school (por ejemplo --school {sourced_id})</translation>
    </message>
    <message>
        <source>expected orgs.csv with the school: the package has none and none was imported before</source>
        <translation>se esperaba orgs.csv con la escuela: el paquete no lo tiene y no se importó antes</translation>
    </message>
    <message>
        <source>expected an org of type school (or one that classes name in schoolSourcedId)</source>
        <translation>se esperaba una organización de tipo school (o una que las clases nombren en schoolSourcedId)</translation>
    </message>
    <message>
        <source>{school} ({sourced_id}) is a {type} in orgs.csv, not a school; it is used as the school because the classes name it.</source>
        <translation>{school} ({sourced_id}) es de tipo {type} en orgs.csv, no una escuela; se usa como la escuela porque las clases la nombran.</translation>
    </message>
    <message>
        <source>org</source>
        <translation>organización</translation>
    </message>
    <message>
        <source>{name} is new in this store: its time zone was set to {time_zone} and the default thresholds apply (OneRoster carries neither); change them with set-school (classroom-desk set-school on a laptop, classroom-desk-server set-school on a school server).</source>
        <translation>{name} es nueva en estos datos: su zona horaria quedó en {time_zone} y se aplican las metas predeterminadas (OneRoster no trae ninguna de las dos); cámbielas con set-school (classroom-desk set-school en una computadora portátil, classroom-desk-server set-school en un servidor escolar).</translation>
    </message>
    <message>
        <source>expected the school this store holds ({other}); {name} is another school (each school needs its own: another --data-dir on a laptop, another --database on the server)</source>
        <translation>se esperaba la escuela que guardan estos datos ({other}); {name} es otra escuela (cada escuela necesita los suyos: otro --data-dir en una computadora portátil, otra --database en el servidor)</translation>
    </message>
    <message>
        <source>the package lists no active users, and no earlier import did</source>
        <translation>el paquete no tiene usuarios activos, y ninguna importación anterior los tuvo</translation>
    </message>
    <message>
        <source>none of the {users} users is one (their roles: {roles})</source>
        <translation>ninguno de los {users} usuarios lo es (sus roles: {roles})</translation>
    </message>
    <message>
        <source>none of them is enrolled in a class of the school</source>
        <translation>ninguno está matriculado en una clase de la escuela</translation>
    </message>
    <message>
        <source>expected teachers or students; {detail}</source>
        <translation>se esperaban docentes o estudiantes; {detail}</translation>
    </message>
    <message>
        <source>users with the role {role}: {count}</source>
        <translation>usuarios con el rol {role}: {count}</translation>
    </message>
    <message>
        <source>inactive {kind}: {count}</source>
        <translation>{kind} inactivos: {count}</translation>
    </message>
    <message>
        <source>users</source>
        <translation>usuarios</translation>
    </message>
    <message>
        <source>{reason}: {count} (such as {examples})</source>
        <translation>{reason}: {count} (como {examples})</translation>
    </message>
    <message>
        <source>{role} enrollments (only students and teachers are imported)</source>
        <translation>matrículas con el rol {role} (solo se importan estudiantes y docentes)</translation>
    </message>
    <message>
        <source>{role} enrollments of users who are {kind}s</source>
        <translation>matrículas con el rol {role} de usuarios que tienen el rol {kind}</translation>
    </message>
    <message>
        <source>enrollments of users who are not imported</source>
        <translation>matrículas de usuarios que no se importan</translation>
    </message>
    <message>
        <source>enrollments in classes that are not imported</source>
        <translation>matrículas en clases que no se importan</translation>
    </message>
    <message>
        <source>enrollments of students whose names this store does not keep (another school&apos;s when a multi-school export was imported: import it again)</source>
        <translation>matrículas de estudiantes cuyos nombres no guardan estos datos (de otra escuela, si se importó una exportación de varias escuelas: vuelva a importarla)</translation>
    </message>
    <message>
        <source>co-teacher enrollments (a class shows one teacher)</source>
        <translation>matrículas de docentes auxiliares (una clase muestra un solo docente)</translation>
    </message>
    <message>
        <source>classes of other schools ({others}): {count}</source>
        <translation>clases de otras escuelas ({others}): {count}</translation>
    </message>
    <message>
        <source>students not enrolled in a class of {school}: {count} (this laptop keeps one school&apos;s roster)</source>
        <translation>estudiantes sin matrícula en una clase de {school}: {count} (esta computadora guarda la lista de una sola escuela)</translation>
    </message>
    <message>
        <source>teachers not teaching a class of {school}: {count} (this laptop keeps one school&apos;s roster)</source>
        <translation>docentes que no dan una clase de {school}: {count} (esta computadora guarda la lista de una sola escuela)</translation>
    </message>
    <message>
        <source>classes with no teacher enrolled: {count} (such as {examples}); each appears once a teacher is enrolled</source>
        <translation>clases sin docente matriculado: {count} (como {examples}); cada una aparece cuando se matricula un docente</translation>
    </message>
    <message>
        <source>expected a header row (the file is empty)</source>
        <extracomment>CSV columns read as booleans (TRUE, true, 1, ...) rather than text. (mirror column, CSV column) for each field the roster uses.</extracomment>
        <translation>se esperaba una fila de encabezado (el archivo está vacío)</translation>
    </message>
    <message>
        <source>expected a sourcedId</source>
        <translation>se esperaba un sourcedId</translation>
    </message>
    <message>
        <source>expected a value for {column}</source>
        <translation>se esperaba un valor para {column}</translation>
    </message>
    <message>
        <source>{count} fields where the header has {width}; is there an unquoted {separator} in a name?</source>
        <translation>{count} campos donde el encabezado tiene {width}; ¿hay un separador ({separator}) sin comillas en un nombre?</translation>
    </message>
    <message>
        <source>1 field where the header has {width} (separated by {delimiter}); is this line {others}-separated?</source>
        <translation>1 campo donde el encabezado tiene {width} (separados por {delimiter}); ¿esta línea está separada por {others}?</translation>
    </message>
    <message>
        <source>expected each sourcedId once in a bulk file; {sourced_id} is also on line {line}</source>
        <translation>se esperaba cada sourcedId una sola vez en un archivo bulk; {sourced_id} también está en la línea {line}</translation>
    </message>
    <message>
        <source>Read the column {written} in {name} as {canonical}.</source>
        <translation>La columna {written} de {name} se leyó como {canonical}.</translation>
    </message>
    <message>
        <source>unknown columns in {name}: {unknown}</source>
        <translation>columnas desconocidas en {name}: {unknown}</translation>
    </message>
    <message>
        <source>extension columns in {name}: {extensions}</source>
        <translation>columnas de extensión en {name}: {extensions}</translation>
    </message>
    <message>
        <source>values under unnamed columns in {name}: {unnamed_values}</source>
        <translation>valores bajo columnas sin nombre en {name}: {unnamed_values}</translation>
    </message>
    <message>
        <source>empty rows in {name}: {blank}</source>
        <translation>filas vacías en {name}: {blank}</translation>
    </message>
    <message>
        <source>{repeats} records appear more than once in the delta file {name}; the last row of each was used.</source>
        <translation>{repeats} registros aparecen más de una vez en el archivo delta {name}; se usó la última fila de cada uno.</translation>
    </message>
    <message>
        <source>expected a file of at most {max_file_bytes} bytes; this one has {size} (is it the right file?)</source>
        <extracomment>Without a manifest, a folder with users.csv is read as School Data Sync&apos;s CSV. More files than a SIS export ever holds (it holds a dozen or so): a wrong or hostile zip. How much larger than packed a file may unpack; CSV exports pack 5 to 20 times. Below this a file may unpack at any ratio (tiny files say nothing). How deep in a folder packages are looked for, and how many entries at the most. Files of School Data Sync&apos;s first CSV format (v1), which is not OneRoster-shaped. The package&apos;s folder inside ``path`` (&quot;&quot; when it is ``path`` itself). Whether it has a manifest.csv (OneRoster) or only users.csv and the rest (read as School Data Sync&apos;s OneRoster-shaped CSV).</extracomment>
        <translation>se esperaba un archivo de como máximo {max_file_bytes} bytes; este tiene {size} (¿es el archivo correcto?)</translation>
    </message>
    <message>
        <source>expected a file that unpacks to at most {ratio} times its packed size; this one unpacks from {size_text} to {size_text_again} (a damaged zip, or a zip bomb?)</source>
        <translation>se esperaba un archivo que al descomprimirse ocupe como máximo {ratio} veces su tamaño comprimido; este pasa de {size_text} a {size_text_again} (¿un zip dañado o una bomba zip?)</translation>
    </message>
    <message>
        <source>expected a OneRoster folder or .zip; nothing is there</source>
        <translation>se esperaba una carpeta o un .zip de OneRoster; ahí no hay nada</translation>
    </message>
    <message>
        <source>expected a OneRoster folder or .zip file ({error})</source>
        <translation>se esperaba una carpeta o un archivo .zip de OneRoster ({error})</translation>
    </message>
    <message>
        <source>expected a zip of at most {limit} files; this one holds {count} (is it the SIS&apos;s roster export?)</source>
        <translation>se esperaba un zip de como máximo {limit} archivos; este tiene {count} (¿es la exportación de la lista del SIS?)</translation>
    </message>
    <message>
        <source>expected a zip without a password; this one is encrypted (unzip it with its password, then import the folder)</source>
        <translation>se esperaba un zip sin contraseña; este está cifrado (descomprímalo con su contraseña y luego importe la carpeta)</translation>
    </message>
    <message>
        <source>(the top folder)</source>
        <translation>(la carpeta principal)</translation>
    </message>
    <message>
        <source>expected --package to name a package of the {container} ({shown}); {choose} is not one</source>
        <translation>se esperaba que --package nombrara un paquete de {container} ({shown}); {choose} no lo es</translation>
    </message>
    <message>
        <source>expected one package; the {container} holds {count}, in {listed}: choose one with --package (such as --package {shown})</source>
        <translation>se esperaba un solo paquete; {container} tiene {count}, en {listed}: elija uno con --package (por ejemplo --package {shown})</translation>
    </message>
    <message>
        <source>expected a OneRoster package (manifest.csv, users.csv...); this is a School Data Sync v1 export (School.csv, Section.csv, Student.csv, Teacher.csv), which Classroom Desk does not read: export OneRoster CSV, or SDS v2.1 CSV, from the SIS</source>
        <translation>se esperaba un paquete OneRoster (manifest.csv, users.csv...); esta es una exportación de School Data Sync v1 (School.csv, Section.csv, Student.csv, Teacher.csv), que Classroom Desk no lee: exporte CSV de OneRoster, o CSV de SDS v2.1, desde el SIS</translation>
    </message>
    <message>
        <source>expected the package&apos;s files (manifest.csv and the rest) in the zip; it holds another zip, {inner}: extract that one and import it</source>
        <translation>se esperaban los archivos del paquete (manifest.csv y los demás) en el zip; contiene otro zip, {inner}: extráigalo e impórtelo</translation>
    </message>
    <message>
        <source>expected a OneRoster package: manifest.csv is missing</source>
        <extracomment>1.0 packages lay out roles as 1.1 does; 1.2 moves them to roles.csv. Property names a manifest has (lower case); a file with none of them is no manifest. Lower-case kind (``users``) to its entry.</extracomment>
        <translation>se esperaba un paquete OneRoster: falta manifest.csv</translation>
    </message>
    <message>
        <source>expected active, tobedeleted or blank; found {status}</source>
        <extracomment>Ids of imported rows are derived from the SIS sourcedId, so a re-import or a delta finds the same rows (and the school server derives the same ids). Our content areas and the words in a class&apos;s subjects or titles that mean them.</extracomment>
        <translation>se esperaba active, tobedeleted o vacío; se encontró {status}</translation>
    </message>
    <message>
        <source>expected true or false; found {value}</source>
        <translation>se esperaba true o false; se encontró {value}</translation>
    </message>
    <message>
        <source>activity</source>
        <extracomment>(referring table, referred table) pairs the import rebuilds itself. What a referring table means, as the preview says why a row was kept. The reasons in the teacher&apos;s language (``classes``: a teacher of a class that stays).</extracomment>
        <translation>actividad</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notas</translation>
    </message>
    <message>
        <source>goals</source>
        <translation>metas</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>perfil</translation>
    </message>
    <message>
        <source>reassignments</source>
        <translation>reasignaciones</translation>
    </message>
    <message>
        <source>an account</source>
        <translation>una cuenta</translation>
    </message>
    <message>
        <source>co-teachers</source>
        <translation>docentes auxiliares</translation>
    </message>
    <message>
        <source>Read the package in {root}/.</source>
        <extracomment>OneRoster 1.0 and 1.1 keep each user&apos;s role in users.csv (1.2 moved it to roles.csv). What reading found (files, formats, what was ignored), before any school&apos;s part.</extracomment>
        <translation>Se leyó el paquete de {root}/.</translation>
    </message>
    <message>
        <source>expected roles.csv or a role column in users.csv: users.csv has no role column and there is no roles.csv (OneRoster 1.2 keeps roles in roles.csv; export it too)</source>
        <translation>se esperaba roles.csv o una columna role en users.csv: users.csv no tiene columna role y no hay roles.csv (OneRoster 1.2 guarda los roles en roles.csv; expórtelo también)</translation>
    </message>
    <message>
        <source>expected file.users or another roster file as bulk or delta; the manifest names none ({value} are read)</source>
        <translation>se esperaba file.users u otro archivo de la lista como bulk o delta; el manifiesto no nombra ninguno (se leen {value})</translation>
    </message>
    <message>
        <source>expected {file_name} in the package, as the manifest says file.{kind} is {mode}</source>
        <translation>se esperaba {file_name} en el paquete, ya que el manifiesto dice que file.{kind} es {mode}</translation>
    </message>
    <message>
        <source>absent in the manifest</source>
        <translation>absent en el manifiesto</translation>
    </message>
    <message>
        <source>not in the manifest</source>
        <translation>no está en el manifiesto</translation>
    </message>
    <message>
        <source>not used by Classroom Desk</source>
        <translation>Classroom Desk no lo usa</translation>
    </message>
    <message>
        <source>files {files}</source>
        <translation>archivos {files}</translation>
    </message>
    <message>
        <source>expected each column once; {canonical} is also column {number}</source>
        <extracomment>Misspellings found in real SIS exports, read as the column they mean. Prefixes of columns that vendors add on purpose; ignored and reported as such. The columns OneRoster 1.1 and 1.2 define for this file (anything else is reported). Columns the roster needs; on rows not being deleted, their values too. In the order they are read: a file&apos;s references point to files read before it.</extracomment>
        <translation>se esperaba cada columna una sola vez; {canonical} también es la columna {number}</translation>
    </message>
    <message>
        <source>expected a column named {column}</source>
        <translation>se esperaba una columna llamada {column}</translation>
    </message>
    <message>
        <source>{student} in {section}</source>
        <extracomment>Removing or making inactive more than this share of the students or teachers needs a yes. Names the preview shows of each change. kind in the change set: (store table, projected table, rows the SIS no longer listing means going, what keeping one does).</extracomment>
        <translation>{student} en {section}</translation>
    </message>
    <message>
        <source>{count} of {before} {kind} ({share}: {names})</source>
        <translation>{count} de {before} {kind} ({share}: {names})</translation>
    </message>
    <message>
        <source>{count} class with activity ({names})</source>
        <translation>{count} clase con actividad ({names})</translation>
    </message>
    <message>
        <source>{count} classes with activity ({names})</source>
        <translation>{count} clases con actividad ({names})</translation>
    </message>
    <message>
        <source>this import would remove or make inactive {going}</source>
        <translation>esta importación quitaría o dejaría inactivos {going}</translation>
    </message>
    <message>
        <source>no removals</source>
        <translation>nada que quitar</translation>
    </message>
    <message>
        <source>the package changed since its preview: {going}, but the yes was given for {shown}. Nothing was changed; preview it again</source>
        <translation>el paquete cambió desde su vista previa: {going}, pero el sí se dio para {shown}. No se cambió nada; vuelva a ver la vista previa</translation>
    </message>
    <message>
        <source>{going}. Likely cause: {cause}. Nothing was changed; if this is what the school means, import it with --confirm-removals</source>
        <translation>{going}. Causa probable: {cause}. No se cambió nada; si esto es lo que quiere la escuela, impórtelo con --confirm-removals</translation>
    </message>
    <message>
        <source>the SIS no longer lists them</source>
        <translation>el SIS ya no los incluye</translation>
    </message>
    <message>
        <source>users.csv does not list them, and a bulk users.csv replaces every user (is it a partial export: one grade, one school, one page of a report?)</source>
        <translation>users.csv no los incluye, y un users.csv bulk reemplaza a todos los usuarios (¿es una exportación parcial: un grado, una escuela, una página de un informe?)</translation>
    </message>
    <message>
        <source>users.csv or roles.csv no longer gives them the student or teacher role</source>
        <translation>users.csv o roles.csv ya no les dan el rol de estudiante o docente</translation>
    </message>
    <message>
        <source> (roles found: {roles})</source>
        <translation> (roles encontrados: {roles})</translation>
    </message>
    <message>
        <source>users.csv marks them tobedeleted</source>
        <translation>users.csv los marca como tobedeleted</translation>
    </message>
    <message>
        <source>users.csv marks them inactive</source>
        <translation>users.csv los marca como inactivos</translation>
    </message>
    <message>
        <source>enrollments.csv enrolls them in no class of the school</source>
        <translation>enrollments.csv no los matricula en ninguna clase de la escuela</translation>
    </message>
    <message>
        <source>a bulk classes.csv that does not list them</source>
        <translation>un classes.csv bulk que no las incluye</translation>
    </message>
    <message>
        <source>classes go when {why}</source>
        <translation>las clases se van cuando {why}</translation>
    </message>
    <message>
        <source>classes.csv marks them inactive</source>
        <translation>classes.csv las marca como inactivas</translation>
    </message>
    <message>
        <source>enrollments.csv enrolls no teacher in them (a class shows once it has one)</source>
        <translation>enrollments.csv no matricula a ningún docente en ellas (una clase aparece cuando tiene uno)</translation>
    </message>
    <message>
        <source>expected orgs.csv beside users.csv: with no manifest.csv this is read as a School Data Sync export, which names its schools in orgs.csv</source>
        <translation>se esperaba orgs.csv junto a users.csv: sin manifest.csv esto se lee como una exportación de School Data Sync, que nombra sus escuelas en orgs.csv</translation>
    </message>
    <message>
        <source>expected roles.csv beside users.csv: this is a School Data Sync v2.1 export (no manifest.csv, and users.csv has no role column), which keeps each user&apos;s role in roles.csv; export it too</source>
        <translation>se esperaba roles.csv junto a users.csv: esta es una exportación de School Data Sync v2.1 (sin manifest.csv, y users.csv sin columna role), que guarda el rol de cada usuario en roles.csv; expórtelo también</translation>
    </message>
    <message>
        <source>There is no manifest.csv: read as a School Data Sync {version} CSV export, each file a bulk file.</source>
        <translation>No hay manifest.csv: se leyó como una exportación CSV de School Data Sync {version}, cada archivo como bulk.</translation>
    </message>
    <message>
        <source>SDS v2.1 gives each student&apos;s grade in roles.csv, which is not read: students show no grade (their classes do).</source>
        <translation>SDS v2.1 da el grado de cada estudiante en roles.csv, que no se lee: los estudiantes no muestran grado (sus clases sí).</translation>
    </message>
    <message>
        <source>expected the manifest&apos;s properties (propertyName,value rows such as oneroster.version,1.1 and file.users,bulk); the file has none</source>
        <translation>se esperaban las propiedades del manifiesto (filas propertyName,value como oneroster.version,1.1 y file.users,bulk); el archivo no tiene ninguna</translation>
    </message>
    <message>
        <source>expected the manifest&apos;s properties (propertyName,value rows such as oneroster.version,1.1 and file.users,bulk); found {name} (is it the manifest, or another file saved as manifest.csv?)</source>
        <translation>se esperaban las propiedades del manifiesto (filas propertyName,value como oneroster.version,1.1 y file.users,bulk); se encontró {name} (¿es el manifiesto, u otro archivo guardado como manifest.csv?)</translation>
    </message>
    <message>
        <source>expected each property once; {name} is also on line {line}</source>
        <translation>se esperaba cada propiedad una sola vez; {name} también está en la línea {line}</translation>
    </message>
    <message>
        <source>The manifest gives file.{kind} no value; read as absent.</source>
        <translation>El manifiesto no da valor a file.{kind}; se leyó como absent.</translation>
    </message>
    <message>
        <source>expected bulk, delta or absent for file.{kind}; found {value}</source>
        <translation>se esperaba bulk, delta o absent para file.{kind}; se encontró {value}</translation>
    </message>
    <message>
        <source>The manifest gives no oneroster.version; read as 1.1 or 1.2 layout.</source>
        <translation>El manifiesto no da oneroster.version; se leyó con la estructura de 1.1 o 1.2.</translation>
    </message>
    <message>
        <source>expected oneroster.version 1.0, 1.1 or 1.2; found {version}</source>
        <translation>se esperaba oneroster.version 1.0, 1.1 o 1.2; se encontró {version}</translation>
    </message>
</context>
<context>
    <name>Rotation</name>
    <message>
        <source>Group {letter}</source>
        <extracomment>Members who still need minutes this week (shown at the online station). The station the group goes to next (&quot;&quot; after the last round). Teacher&apos;s board only: everyone under the weekly minutes, with their minutes.</extracomment>
        <translation>Grupo {letter}</translation>
    </message>
    <message>
        <source>Ready: {count} rounds of {minutes} min</source>
        <translation>Listo: {count} rondas de {minutes} min</translation>
    </message>
    <message>
        <source>Rotation done</source>
        <translation>Rotación terminada</translation>
    </message>
    <message>
        <source>Round {number} of {count}</source>
        <translation>Ronda {number} de {count}</translation>
    </message>
    <message>
        <source>Rotate!</source>
        <translation>¡A rotar!</translation>
    </message>
    <message>
        <source>Centers</source>
        <translation>Centros</translation>
    </message>
    <message>
        <source>{section} · {area} centers</source>
        <translation>{section} · centros de {area}</translation>
    </message>
    <message>
        <source>{name} ({minutes} of {target} min)</source>
        <translation>{name} ({minutes} de {target} min)</translation>
    </message>
    <message>
        <source>Everyone has {minutes} minutes this week.</source>
        <translation>Todos tienen {minutes} minutos esta semana.</translation>
    </message>
    <message>
        <source>Still need minutes (of {minutes}): {names}</source>
        <translation>Aún necesitan minutos (de {minutes}): {names}</translation>
    </message>
</context>
<context>
    <name>RotationBoard</name>
    <message>
        <source>⏱ Still building minutes: {names}</source>
        <translation>⏱ Aún sumando minutos: {names}</translation>
    </message>
    <message>
        <source>Next: {station}</source>
        <translation>Después: {station}</translation>
    </message>
    <message>
        <source>No group this round</source>
        <translation>Ningún grupo en esta ronda</translation>
    </message>
    <message>
        <source>Coming next: {groups}</source>
        <translation>Vienen después: {groups}</translation>
    </message>
    <message>
        <source>Set up stations</source>
        <extracomment>The projector&apos;s text sizes, largest first: the first whose stations fit is used.</extracomment>
        <translation>Preparar las estaciones</translation>
    </message>
    <message>
        <source>(no station)</source>
        <translation>(sin estación)</translation>
    </message>
    <message>
        <source>Station {number}</source>
        <translation>Estación {number}</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Each round</source>
        <translation>Cada ronda</translation>
    </message>
    <message>
        <source>Centers</source>
        <translation>Centros</translation>
    </message>
    <message>
        <source>Leave the projector view</source>
        <translation>Salir de la vista del proyector</translation>
    </message>
    <message>
        <source>Rotation board</source>
        <translation>Tablero de rotación</translation>
    </message>
    <message>
        <source>Space starts or pauses · N next round · P back · F5 projector · Esc closes it</source>
        <translation>Espacio inicia o pausa · N ronda siguiente · P atrás · F5 proyector · Esc lo cierra</translation>
    </message>
    <message>
        <source>Stations…</source>
        <translation>Estaciones…</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Projector (F5)</source>
        <translation>Proyector (F5)</translation>
    </message>
    <message>
        <source>Projector view</source>
        <translation>Vista del proyector</translation>
    </message>
    <message>
        <source>Close the board</source>
        <translation>Cerrar el tablero</translation>
    </message>
    <message>
        <source>Rotation board · {section} · {area}</source>
        <translation>Tablero de rotación · {section} · {area}</translation>
    </message>
    <message>
        <source>No groups for this week yet: accept groups first (Groups, Ctrl+Shift+G), then every group rotates through the stations.</source>
        <translation>Todavía no hay grupos esta semana: primero acepte los grupos (Grupos, Ctrl+Mayús+G) y luego cada grupo rota por las estaciones.</translation>
    </message>
</context>
<context>
    <name>SchoolView</name>
    <message>
        <source>School view…</source>
        <translation>Vista de la escuela…</translation>
    </message>
    <message>
        <source>Every class you may read, by grade, with the school server&apos;s figures</source>
        <translation>Todas las clases que puede consultar, por grado, con las cifras del servidor de la escuela</translation>
    </message>
    <message>
        <source>School view</source>
        <translation>Vista de la escuela</translation>
    </message>
    <message>
        <source>Fetch again</source>
        <translation>Volver a pedir</translation>
    </message>
    <message>
        <source>Ask the school server again (F5)</source>
        <translation>Preguntar de nuevo al servidor de la escuela (F5)</translation>
    </message>
    <message>
        <source>Month by month</source>
        <translation>Mes a mes</translation>
    </message>
    <message>
        <source>The school year to this month, for what the table shows: school, grade or class (Ctrl+T)</source>
        <translation>El año escolar hasta este mes, para lo que muestra la tabla: escuela, grado o clase (Ctrl+T)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Back up one level (Backspace)</source>
        <translation>Subir un nivel (Retroceso)</translation>
    </message>
    <message>
        <source>School figures</source>
        <translation>Cifras de la escuela</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Back up one level</source>
        <translation>Subir un nivel</translation>
    </message>
    <message>
        <source>Open the grade or class on the row</source>
        <translation>Abrir el grado o la clase de la fila</translation>
    </message>
    <message>
        <source>Asking the school server…</source>
        <translation>Preguntando al servidor de la escuela…</translation>
    </message>
    <message>
        <source>Whole month</source>
        <translation>Todo el mes</translation>
    </message>
    <message>
        <source>No classes you may read work in this area.</source>
        <translation>Ninguna clase que puede consultar trabaja en esta área.</translation>
    </message>
    <message>
        <source>Month by month: Ctrl+T goes back to the month.</source>
        <translation>Mes a mes: Ctrl+T vuelve al mes.</translation>
    </message>
    <message>
        <source>Enter opens the row; Backspace goes back.</source>
        <translation>Intro abre la fila; Retroceso vuelve atrás.</translation>
    </message>
    <message>
        <source>Backspace goes back.</source>
        <translation>Retroceso vuelve atrás.</translation>
    </message>
    <message>
        <source>Export this table as {kind}</source>
        <translation>Exportar esta tabla como {kind}</translation>
    </message>
    <message>
        <source>Sign in to the school server to see the School view.</source>
        <extracomment>US school years start in August: a trend runs from there. When the server computed the figures (aware, UTC). The laptop&apos;s copy, because the server gave none (``problem`` says why). The server could not be reached at all (else it answered, but not with figures). The server&apos;s ``computed_at`` must fall in this range (a clock or a server gone wrong otherwise), and never more than a day ahead of the laptop.</extracomment>
        <translation>Inicie sesión en el servidor de la escuela para ver la vista de la escuela.</translation>
    </message>
    <message>
        <source>the school server cannot be reached</source>
        <translation>no se puede conectar con el servidor de la escuela</translation>
    </message>
    <message>
        <source>sign in again to fetch new ones</source>
        <translation>inicie sesión de nuevo para obtener cifras nuevas</translation>
    </message>
    <message>
        <source>this school server is older than the School view: ask school IT to update it</source>
        <translation>este servidor de la escuela es anterior a la vista de la escuela: pida al personal de TI que lo actualice</translation>
    </message>
    <message>
        <source>Not shown: {months} (the server could not be asked and this laptop kept none).</source>
        <extracomment>The school year&apos;s months, month by month, while the trend is shown.</extracomment>
        <translation>No se muestran: {months} (no se pudo preguntar al servidor y esta computadora no guardó ninguno).</translation>
    </message>
    <message>
        <source>Grade {grade}</source>
        <translation>Grado {grade}</translation>
    </message>
    <message>
        <source>Another account signed in on this laptop: open the School view again.</source>
        <translation>Otra cuenta inició sesión en esta computadora: vuelva a abrir la vista de la escuela.</translation>
    </message>
    <message>
        <source>No figures for this month on this laptop yet, and the school server gave none: {problem}</source>
        <translation>Aún no hay cifras de este mes en esta computadora, y el servidor de la escuela no dio ninguna: {problem}</translation>
    </message>
    <message>
        <source>No figures for this week on this laptop yet, and the school server gave none: {problem}</source>
        <translation>Aún no hay cifras de esta semana en esta computadora, y el servidor de la escuela no dio ninguna: {problem}</translation>
    </message>
    <message>
        <source>This laptop&apos;s copy of the month cannot be read (an older version kept it), and the school server gave none: {problem}</source>
        <translation>La copia del mes en esta computadora no se puede leer (la guardó otra versión), y el servidor de la escuela no dio ninguna: {problem}</translation>
    </message>
    <message>
        <source>This laptop&apos;s copy of the week cannot be read (an older version kept it), and the school server gave none: {problem}</source>
        <translation>La copia de la semana en esta computadora no se puede leer (la guardó otra versión), y el servidor de la escuela no dio ninguna: {problem}</translation>
    </message>
    <message>
        <source>Figures from the school server, computed {age}.</source>
        <translation>Cifras del servidor de la escuela, calculadas {age}.</translation>
    </message>
    <message>
        <source>Offline: figures computed {age} ({when}), kept on this laptop. New ones come when the server can be reached.</source>
        <translation>Sin conexión: cifras calculadas {age} ({when}), guardadas en esta computadora. Llegarán nuevas cuando se pueda conectar con el servidor.</translation>
    </message>
    <message>
        <source>The school server gave no new figures ({problem}): these were computed {age} ({when}) and kept on this laptop.</source>
        <translation>El servidor de la escuela no dio cifras nuevas ({problem}): estas se calcularon {age} ({when}) y se guardaron en esta computadora.</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>hace un momento</translation>
    </message>
    <message>
        <source>1 minute ago</source>
        <translation>hace 1 minuto</translation>
    </message>
    <message>
        <source>{count} minutes ago</source>
        <translation>hace {count} minutos</translation>
    </message>
    <message>
        <source>1 hour ago</source>
        <translation>hace 1 hora</translation>
    </message>
    <message>
        <source>{count} hours ago</source>
        <translation>hace {count} horas</translation>
    </message>
    <message>
        <source>{count} days ago</source>
        <translation>hace {count} días</translation>
    </message>
</context>
<context>
    <name>Schools</name>
    <message>
        <source>Sc&amp;hool</source>
        <translation>Es&amp;cuela</translation>
    </message>
    <message>
        <source>Next school</source>
        <translation>Escuela siguiente</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <source>Showing {school}. Choose another school here or with {keys}.</source>
        <translation>Se muestra {school}. Elija otra escuela aquí o con {keys}.</translation>
    </message>
    <message>
        <source>{school} did not open</source>
        <translation>{school} no se abrió</translation>
    </message>
    <message>
        <source>The store of {school} could not be opened: {problem}

The window stays on {showing}, and nothing was changed.</source>
        <translation>No se pudieron abrir los datos de {school}: {problem}

La ventana sigue en {showing} y no se cambió nada.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>This laptop keeps its own school: the settings are changed here and apply at once.</source>
        <extracomment>The school server the settings come from; ``None``: this laptop sets them.</extracomment>
        <translation>Esta computadora tiene su propia escuela: la configuración se cambia aquí y se aplica al instante.</translation>
    </message>
    <message>
        <source>Set by the school server at {server}. They change there (ask the school&apos;s administrator) and reach this laptop at the next sync.</source>
        <translation>La fija el servidor de la escuela en {server}. Se cambia allí (pregunte al administrador de la escuela) y llega a esta computadora en la próxima sincronización.</translation>
    </message>
    <message>
        <source>“{zone}” is not a time zone this computer knows. Choose one from the list, such as America/Chicago.</source>
        <translation>“{zone}” no es una zona horaria que esta computadora conozca. Elija una de la lista, como America/Mexico_City.</translation>
    </message>
    <message>
        <source>Choose the day the school week starts on.</source>
        <translation>Elija el día en que empieza la semana escolar.</translation>
    </message>
    <message>
        <source>Minutes and units are 0 or more, and scores are from 0 to 100%.</source>
        <translation>Los minutos y las unidades son 0 o más, y los puntajes van de 0 a 100%.</translation>
    </message>
    <message>
        <source>There is no school here yet: import a roster first (File menu).</source>
        <translation>Todavía no hay escuela aquí: primero importe una lista de estudiantes (menú Archivo).</translation>
    </message>
    <message>
        <source>These settings come from the school server at {server}: ask the school&apos;s administrator to change them there.</source>
        <translation>Esta configuración viene del servidor de la escuela en {server}: pida al administrador de la escuela que la cambie allí.</translation>
    </message>
    <message>
        <source>These settings come from the school server: ask the school&apos;s administrator to change them there.</source>
        <translation>Esta configuración viene del servidor de la escuela: pida al administrador de la escuela que la cambie allí.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>The school week starts on</source>
        <translation>La semana escolar empieza el</translation>
    </message>
    <message>
        <source>School time zone</source>
        <translation>Zona horaria de la escuela</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes of learning expected a week</source>
        <translation>Minutos de aprendizaje esperados por semana</translation>
    </message>
    <message>
        <source>A unit counts as mastered at this score</source>
        <translation>Una unidad cuenta como dominada con este puntaje</translation>
    </message>
    <message>
        <source>Average unit score expected</source>
        <translation>Promedio esperado de las unidades</translation>
    </message>
    <message>
        <source>Units mastered expected a week</source>
        <translation>Unidades dominadas esperadas por semana</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Used from the next time Classroom Desk starts</source>
        <translation>Se usa desde la próxima vez que se abra Classroom Desk</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>Como el sistema ({language})</translation>
    </message>
    <message>
        <source>The language changes the next time Classroom Desk starts.</source>
        <translation>El idioma cambia la próxima vez que se abra Classroom Desk.</translation>
    </message>
    <message>
        <source>School &amp;week starts on</source>
        <translation>La &amp;semana escolar empieza el</translation>
    </message>
    <message>
        <source>School &amp;time zone</source>
        <translation>&amp;Zona horaria de la escuela</translation>
    </message>
    <message>
        <source>&amp;Minutes a week</source>
        <translation>&amp;Minutos por semana</translation>
    </message>
    <message>
        <source>Unit mastered &amp;at</source>
        <translation>Unidad dominada &amp;con</translation>
    </message>
    <message>
        <source>A&amp;verage expected</source>
        <translation>&amp;Promedio esperado</translation>
    </message>
    <message>
        <source>&amp;Units mastered a week</source>
        <translation>&amp;Unidades dominadas por semana</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>No school yet</source>
        <translation>Todavía no hay escuela</translation>
    </message>
    <message>
        <source>Import a roster first (File menu): there is no school.</source>
        <translation>Primero importe una lista de estudiantes (menú Archivo): no hay escuela.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>From {low} to {high}</source>
        <translation>De {low} a {high}</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Your sign-in is kept in this computer&apos;s password store (keyring).</source>
        <translation>Su inicio de sesión se guarda en el almacén de contraseñas de esta computadora (llavero).</translation>
    </message>
    <message>
        <source>Sign in to school server</source>
        <translation>Iniciar sesión en el servidor de la escuela</translation>
    </message>
    <message>
        <source>School &amp;server</source>
        <translation>&amp;Servidor de la escuela</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Contraseña</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Fill in the server address, your user name and your password.</source>
        <translation>Escriba la dirección del servidor, su usuario y su contraseña.</translation>
    </message>
    <message>
        <source>The server address starts with https:// (or http:// on a school network).</source>
        <translation>La dirección del servidor empieza con https:// (o http:// en una red escolar).</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Trust and sign in</source>
        <translation>Confiar e iniciar sesión</translation>
    </message>
</context>
<context>
    <name>Stations</name>
    <message>
        <source>Own</source>
        <translation>Propia</translation>
    </message>
    <message>
        <source>Teacher table</source>
        <translation>Mesa del docente</translation>
    </message>
    <message>
        <source>Online learning</source>
        <translation>Aprendizaje en línea</translation>
    </message>
    <message>
        <source>Collaborative</source>
        <translation>Colaborativa</translation>
    </message>
    <message>
        <source>Independent</source>
        <translation>Independiente</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <source>a station needs a name</source>
        <translation>una estación necesita un nombre</translation>
    </message>
    <message>
        <source>a station&apos;s name is too long ({length} characters, at most {limit})</source>
        <translation>el nombre de la estación es demasiado largo ({length} caracteres, como máximo {limit})</translation>
    </message>
    <message>
        <source>a rotation has 1 to {limit} stations, not {count}</source>
        <translation>una rotación tiene de 1 a {limit} estaciones, no {count}</translation>
    </message>
    <message>
        <source>two stations have the same name</source>
        <translation>dos estaciones tienen el mismo nombre</translation>
    </message>
    <message>
        <source>a round lasts {low} to {high} minutes, not {minutes}</source>
        <translation>una ronda dura de {low} a {high} minutos, no {minutes}</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>every weekly target met</source>
        <translation>cumple todas las metas de la semana</translation>
    </message>
    <message>
        <source>{status}: {reasons}</source>
        <translation>{status}: {reasons}</translation>
    </message>
    <message>
        <source>No activity</source>
        <translation>Sin actividad</translation>
    </message>
    <message>
        <source>Needs time, mastery and units</source>
        <translation>Necesita tiempo, dominio y unidades</translation>
    </message>
    <message>
        <source>Needs time and mastery</source>
        <translation>Necesita tiempo y dominio</translation>
    </message>
    <message>
        <source>Needs time and units</source>
        <translation>Necesita tiempo y unidades</translation>
    </message>
    <message>
        <source>Needs mastery and units</source>
        <translation>Necesita dominio y unidades</translation>
    </message>
    <message>
        <source>Needs time</source>
        <translation>Necesita tiempo</translation>
    </message>
    <message>
        <source>Needs mastery</source>
        <translation>Necesita dominio</translation>
    </message>
    <message>
        <source>Needs units</source>
        <translation>Necesita unidades</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Al día</translation>
    </message>
    <message>
        <source>no minutes and no units this week</source>
        <translation>sin minutos ni unidades esta semana</translation>
    </message>
    <message>
        <source>{minutes} of {target} minutes</source>
        <translation>{minutes} de {target} minutos</translation>
    </message>
    <message>
        <source>{mastered} of {target} mastered</source>
        <translation>{mastered} de {target} dominadas</translation>
    </message>
    <message>
        <source>{count} unit under {mastery}% to reassign</source>
        <translation>{count} unidad bajo {mastery}% para reasignar</translation>
    </message>
    <message>
        <source>{count} units under {mastery}% to reassign</source>
        <translation>{count} unidades bajo {mastery}% para reasignar</translation>
    </message>
    <message>
        <source>average {average} (target {target}%)</source>
        <translation>promedio {average} (meta {target}%)</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <source>Whole school (every class, by grade)</source>
        <translation>Toda la escuela (todas las clases, por grado)</translation>
    </message>
    <message>
        <source>Skills Summary</source>
        <translation>Resumen de habilidades</translation>
    </message>
    <message>
        <source>Skills summary</source>
        <translation>Resumen de habilidades</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exportar PDF…</translation>
    </message>
    <message>
        <source>None</source>
        <comment>content area</comment>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Materia</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>Todas las materias</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>Preparando el informe…</translation>
    </message>
    <message>
        <source>The report could not be built: {problem}. Try again, or choose another class or month.</source>
        <translation>No se pudo preparar el informe: {problem}. Vuelva a intentarlo, o elija otra clase u otro mes.</translation>
    </message>
    <message>
        <source>Skills Summary: {section}</source>
        <translation>Resumen de habilidades: {section}</translation>
    </message>
    <message>
        <source>No classes or students for this choice.</source>
        <translation>No hay clases ni estudiantes para esta elección.</translation>
    </message>
    <message>
        <source>Export the Skills Summary as {kind}</source>
        <translation>Exportar el resumen de habilidades como {kind}</translation>
    </message>
    <message>
        <source>Exported {kind}: {file}</source>
        <translation>{kind} exportado: {file}</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Sync status</source>
        <extracomment>The quit sync&apos;s whole wait, a little over one bounded request.</extracomment>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Send your changes and fetch the school&apos;s now (F5)</source>
        <translation>Enviar sus cambios y traer los de la escuela ahora (F5)</translation>
    </message>
    <message>
        <source>Sign in to school server…</source>
        <translation>Iniciar sesión en el servidor de la escuela…</translation>
    </message>
    <message>
        <source>Sync problems…</source>
        <translation>Problemas de sincronización…</translation>
    </message>
    <message>
        <source>Changes the server refused and records this laptop set aside, with the reasons</source>
        <translation>Cambios que el servidor rechazó y registros que esta computadora apartó, con los motivos</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sincronizar</translation>
    </message>
    <message>
        <source>No keyring: sign in again next time</source>
        <extracomment>While signed in, a sync every this often (and at start, on demand, at quit). The sync at quit: one attempt, each request bounded, the wait bounded too. A read the teacher waits for (the School view): two tries, then what the laptop kept.</extracomment>
        <translation>Sin llavero: vuelva a iniciar sesión la próxima vez</translation>
    </message>
    <message>
        <source>Connection not encrypted</source>
        <extracomment>The status bar&apos;s warning for a plain http:// server school IT allowed on purpose.</extracomment>
        <translation>Conexión sin cifrar</translation>
    </message>
    <message>
        <source>Read only: a principal&apos;s laptop</source>
        <extracomment>The status line&apos;s words for an account that reads and changes nothing (by role).</extracomment>
        <translation>Solo lectura: computadora de director(a)</translation>
    </message>
    <message>
        <source>Read only: a coach&apos;s laptop</source>
        <translation>Solo lectura: computadora de asesor(a) pedagógico(a)</translation>
    </message>
    <message>
        <source>Syncing… ({progress})</source>
        <extracomment>The last sync found this laptop&apos;s clock too far ahead of the server&apos;s.</extracomment>
        <translation>Sincronizando… ({progress})</translation>
    </message>
    <message>
        <source>Sign in to sync (this computer keeps no sign-in)</source>
        <translation>Inicie sesión para sincronizar (esta computadora no guarda el inicio de sesión)</translation>
    </message>
    <message>
        <source>Sign in again to sync</source>
        <translation>Vuelva a iniciar sesión para sincronizar</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin sesión</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Last synced {when}</source>
        <translation>Última sincronización: {when}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Todavía sin sincronizar</translation>
    </message>
    <message>
        <source>{count} change waiting</source>
        <translation>{count} cambio pendiente</translation>
    </message>
    <message>
        <source>{count} changes waiting</source>
        <translation>{count} cambios pendientes</translation>
    </message>
    <message>
        <source>{count} change refused by the server</source>
        <translation>{count} cambio rechazado por el servidor</translation>
    </message>
    <message>
        <source>{count} changes refused by the server</source>
        <translation>{count} cambios rechazados por el servidor</translation>
    </message>
    <message>
        <source>{count} record from the server set aside</source>
        <translation>{count} registro del servidor apartado</translation>
    </message>
    <message>
        <source>{count} records from the server set aside</source>
        <translation>{count} registros del servidor apartados</translation>
    </message>
    <message>
        <source>Changes made since then wait on this laptop; they are sent once its clock is right.</source>
        <translation>Los cambios hechos desde entonces esperan en esta computadora; se envían cuando su reloj esté en hora.</translation>
    </message>
    <message>
        <source>Sync &gt; Sync problems… lists what was refused or set aside, and why.</source>
        <translation>Sincronizar &gt; Problemas de sincronización… muestra lo que se rechazó o se apartó, y por qué.</translation>
    </message>
    <message>
        <source>Signed in as {user} at {server}.</source>
        <translation>Sesión iniciada como {user} en {server}.</translation>
    </message>
    <message>
        <source>This account reads the school&apos;s records: notes, goals and reassignments are made by the class&apos;s teachers.</source>
        <translation>Esta cuenta consulta los registros de la escuela: las notas, las metas y las reasignaciones las hacen los maestros de la clase.</translation>
    </message>
    <message>
        <source>Last synced {when}.</source>
        <translation>Última sincronización: {when}.</translation>
    </message>
    <message>
        <source>F5 syncs now.</source>
        <translation>F5 sincroniza ahora.</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>empezando</translation>
    </message>
    <message>
        <source>pushing {done} of {total}</source>
        <translation>enviando {done} de {total}</translation>
    </message>
    <message>
        <source>pulling page {page}</source>
        <translation>recibiendo la página {page}</translation>
    </message>
    <message>
        <source>Signed in; sync is on.</source>
        <translation>Sesión iniciada; la sincronización está activa.</translation>
    </message>
    <message>
        <source>Also signed in to {schools} (File &gt; School switches).</source>
        <translation>También ha iniciado sesión en {schools} (Archivo &gt; Escuela cambia de una a otra).</translation>
    </message>
    <message>
        <source>Not signed in to {school}: {problem} Its work stays on this laptop; sign in again to try.</source>
        <translation>No se inició sesión en {school}: {problem} Su trabajo se queda en esta computadora; inicie sesión de nuevo para intentarlo.</translation>
    </message>
    <message>
        <source>{school}&apos;s classes are not on this laptop yet (they come with its first sync, when you open it): {problem}</source>
        <translation>Las clases de {school} aún no están en esta computadora (llegan con su primera sincronización, cuando la abra): {problem}</translation>
    </message>
    <message>
        <source>What the person who signed in before kept on this laptop for {schools} has been removed.</source>
        <translation>Se quitó lo que la persona que inició sesión antes guardaba en esta computadora para {schools}.</translation>
    </message>
    <message>
        <source>Could not remove what the person who signed in before kept on this laptop for {school} ({problem}). It is not offered to you; the next sign-in tries again.</source>
        <translation>No se pudo quitar lo que la persona que inició sesión antes guardaba en esta computadora para {school} ({problem}). No se le ofrece; el próximo inicio de sesión lo intentará de nuevo.</translation>
    </message>
    <message>
        <source>This computer has no secure password store (keyring), so Classroom Desk cannot remember your sign-in. You can keep working; you will be asked to sign in again next time you start the app.</source>
        <translation>Esta computadora no tiene un almacén seguro de contraseñas (llavero), así que Classroom Desk no puede recordar su inicio de sesión. Puede seguir trabajando; se le pedirá que inicie sesión otra vez la próxima vez que abra la aplicación.</translation>
    </message>
    <message>
        <source>Sync problems</source>
        <translation>Problemas de sincronización</translation>
    </message>
</context>
<context>
    <name>SyncProblems</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Conference note</source>
        <extracomment>A change of the catalogue, in the teacher&apos;s words.</extracomment>
        <translation>Nota de conferencia</translation>
    </message>
    <message>
        <source>Edit of an earlier note</source>
        <translation>Edición de una nota anterior</translation>
    </message>
    <message>
        <source>Unit reassignment</source>
        <translation>Reasignación de unidad</translation>
    </message>
    <message>
        <source>Undone reassignment</source>
        <translation>Reasignación deshecha</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>Meta nueva</translation>
    </message>
    <message>
        <source>Goal target</source>
        <translation>Objetivo de una meta</translation>
    </message>
    <message>
        <source>Goal dropped or restored</source>
        <translation>Meta quitada o restaurada</translation>
    </message>
    <message>
        <source>Celebration</source>
        <translation>Celebración</translation>
    </message>
    <message>
        <source>Learner profile</source>
        <translation>Perfil del estudiante</translation>
    </message>
    <message>
        <source>{what} (refused by the server)</source>
        <translation>{what} (rechazado por el servidor)</translation>
    </message>
    <message>
        <source>{what} from the server (set aside)</source>
        <translation>{what} del servidor (apartado)</translation>
    </message>
    <message>
        <source>No sync problems: every change was taken and every record stored.</source>
        <translation>No hay problemas de sincronización: se aceptaron todos los cambios y se guardaron todos los registros.</translation>
    </message>
    <message>
        <source>{count} change of this laptop the school server refused (kept here, not sent again)</source>
        <translation>{count} cambio de esta computadora que el servidor de la escuela rechazó (se guarda aquí, no se vuelve a enviar)</translation>
    </message>
    <message>
        <source>{count} changes of this laptop the school server refused (kept here, not sent again)</source>
        <translation>{count} cambios de esta computadora que el servidor de la escuela rechazó (se guardan aquí, no se vuelven a enviar)</translation>
    </message>
    <message>
        <source>{count} record from the server this laptop could not store (set aside; sync went on)</source>
        <translation>{count} registro del servidor que esta computadora no pudo guardar (apartado; la sincronización siguió)</translation>
    </message>
    <message>
        <source>{count} records from the server this laptop could not store (set aside; sync went on)</source>
        <translation>{count} registros del servidor que esta computadora no pudo guardar (apartados; la sincronización siguió)</translation>
    </message>
    <message>
        <source>{problems}. Tell the school&apos;s IT person what the last column says.</source>
        <translation>{problems}. Comunique al encargado de informática de la escuela lo que dice la última columna.</translation>
    </message>
</context>
<context>
    <name>Tags</name>
    <message>
        <source>Celebrated</source>
        <translation>Celebrado</translation>
    </message>
    <message>
        <source>Set goal</source>
        <translation>Meta fijada</translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation>Reasignado</translation>
    </message>
    <message>
        <source>Discussed time</source>
        <translation>Hablamos del tiempo</translation>
    </message>
    <message>
        <source>Needs small group</source>
        <translation>Necesita grupo pequeño</translation>
    </message>
    <message>
        <source>Contact family</source>
        <translation>Contactar a la familia</translation>
    </message>
</context>
<context>
    <name>Tutoring</name>
    <message>
        <source>teacher</source>
        <translation>docente</translation>
    </message>
    <message>
        <source>paraprofessional</source>
        <translation>paraprofesional</translation>
    </message>
    <message>
        <source>volunteer</source>
        <translation>voluntario</translation>
    </message>
    <message>
        <source>pre-K-1</source>
        <translation>prekínder a 1.º</translation>
    </message>
    <message>
        <source>grades 2-5</source>
        <translation>grados 2.º a 5.º</translation>
    </message>
    <message>
        <source>grades 6-12</source>
        <translation>grados 6.º a 12.º</translation>
    </message>
    <message>
        <source>Ratio 1:{students} is within 1:{limit} for {band}</source>
        <translation>La proporción 1:{students} está dentro de 1:{limit} para {band}</translation>
    </message>
    <message>
        <source>Ratio 1:{students} is above 1:{limit} for {band}: split the group or add a tutor</source>
        <translation>La proporción 1:{students} supera 1:{limit} para {band}: divida el grupo o añada un tutor</translation>
    </message>
    <message>
        <source>schedule days must be distinct days 0-6, got {days}</source>
        <translation>los días del horario deben ser días distintos del 0 al 6, se indicó {days}</translation>
    </message>
    <message>
        <source>a time of day is written HH:MM, got {time}</source>
        <translation>una hora se escribe HH:MM, se indicó {time}</translation>
    </message>
    <message>
        <source>No days set</source>
        <translation>Sin días fijados</translation>
    </message>
    <message>
        <source>{days} at {time}</source>
        <translation>{days} a las {time}</translation>
    </message>
    <message>
        <source>a tutor needs a name</source>
        <translation>un tutor necesita un nombre</translation>
    </message>
    <message>
        <source>a tutor&apos;s name is too long ({length} characters, at most {limit})</source>
        <translation>el nombre del tutor es demasiado largo ({length} caracteres, como máximo {limit})</translation>
    </message>
    <message>
        <source>a session&apos;s minutes must be a whole number</source>
        <translation>los minutos de una sesión deben ser un número entero</translation>
    </message>
    <message>
        <source>a session lasts 1 to {limit} minutes, not {minutes}</source>
        <translation>una sesión dura de 1 a {limit} minutos, no {minutes}</translation>
    </message>
    <message>
        <source>a plan has 1 to 7 sessions a week, not {sessions}</source>
        <translation>un plan tiene de 1 a 7 sesiones por semana, no {sessions}</translation>
    </message>
    <message>
        <source>{sessions} sessions of {minutes} min a week</source>
        <translation>{sessions} sesiones de {minutes} min por semana</translation>
    </message>
    <message>
        <source>{sessions} of {planned} sessions, {minutes} of {planned_minutes} min</source>
        <translation>{sessions} de {planned} sesiones, {minutes} de {planned_minutes} min</translation>
    </message>
    <message>
        <source>Tick the group&apos;s students.</source>
        <extracomment>The last session this presenter logged (Ctrl+Z voids it).</extracomment>
        <translation>Marque a los estudiantes del grupo.</translation>
    </message>
    <message>
        <source>A tutoring group has at most {limit} students.</source>
        <translation>Un grupo de tutoría tiene como máximo {limit} estudiantes.</translation>
    </message>
    <message>
        <source>a tutor</source>
        <translation>un tutor</translation>
    </message>
    <message>
        <source>a student of another class</source>
        <translation>un estudiante de otra clase</translation>
    </message>
    <message>
        <source>{count} student</source>
        <translation>{count} estudiante</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} estudiantes</translation>
    </message>
    <message>
        <source>Make a tutoring group first (its tutor, students and plan).</source>
        <translation>Primero cree un grupo de tutoría (su tutor, sus estudiantes y su plan).</translation>
    </message>
    <message>
        <source>Tick who came: a session needs at least one student.</source>
        <translation>Marque quién vino: una sesión necesita al menos un estudiante.</translation>
    </message>
    <message>
        <source>Logged: {group}, {minutes} min, {came} came. Ctrl+Z takes it back.</source>
        <translation>Registrada: {group}, {minutes} min, vinieron {came}. Ctrl+Z la anula.</translation>
    </message>
    <message>
        <source>session</source>
        <translation>sesión</translation>
    </message>
    <message>
        <source>The session was taken back (kept in the log, marked void).</source>
        <translation>Se anuló la sesión (queda en el registro, marcada como anulada).</translation>
    </message>
    <message>
        <source> (void)</source>
        <translation> (anulada)</translation>
    </message>
    <message>
        <source>a group</source>
        <translation>un grupo</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
</context>
<context>
    <name>TutoringLog</name>
    <message>
        <source>New tutoring group</source>
        <extracomment>The selected row of a list: white text on it reads at more than 4.5:1.</extracomment>
        <translation>Nuevo grupo de tutoría</translation>
    </message>
    <message>
        <source>or a new tutor&apos;s name</source>
        <translation>o el nombre de un tutor nuevo</translation>
    </message>
    <message>
        <source>New tutor&apos;s name</source>
        <translation>Nombre del tutor nuevo</translation>
    </message>
    <message>
        <source>{name} (grade {grade})</source>
        <translation>{name} (grado {grade})</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>sessions a week of</source>
        <translation>sesiones por semana de</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Tutor</source>
        <translation>Tutor</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan semanal</translation>
    </message>
    <message>
        <source>New tutor&apos;s role</source>
        <translation>Función del tutor nuevo</translation>
    </message>
    <message>
        <source>Sessions a week</source>
        <translation>Sesiones por semana</translation>
    </message>
    <message>
        <source>Minutes a session</source>
        <translation>Minutos por sesión</translation>
    </message>
    <message>
        <source>Tick the group&apos;s students</source>
        <translation>Marque a los estudiantes del grupo</translation>
    </message>
    <message>
        <source>Choose a tutor, or name a new one.</source>
        <translation>Elija un tutor o escriba el nombre de uno nuevo.</translation>
    </message>
    <message>
        <source>Tutoring</source>
        <translation>Tutoría</translation>
    </message>
    <message>
        <source>New tutoring group…</source>
        <translation>Nuevo grupo de tutoría…</translation>
    </message>
    <message>
        <source>Tutoring groups</source>
        <translation>Grupos de tutoría</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>ddd MMM d</source>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <source>Unit or skill</source>
        <translation>Unidad o destreza</translation>
    </message>
    <message>
        <source>A short note (Ctrl+Enter logs the session)</source>
        <translation>Una nota breve (Ctrl+Intro registra la sesión)</translation>
    </message>
    <message>
        <source>Log session (Ctrl+Enter)</source>
        <translation>Registrar la sesión (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Who came</source>
        <translation>Quién vino</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>Enfoque</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Log a session</source>
        <translation>Registrar una sesión</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Plan met</source>
        <translation>Plan cumplido</translation>
    </message>
    <message>
        <source>Dosage this week</source>
        <translation>Dosis esta semana</translation>
    </message>
    <message>
        <source>Sessions this week</source>
        <translation>Sesiones esta semana</translation>
    </message>
    <message>
        <source>Log session</source>
        <translation>Registrar la sesión</translation>
    </message>
    <message>
        <source>Take back the session just logged</source>
        <translation>Anular la sesión recién registrada</translation>
    </message>
    <message>
        <source>Close tutoring</source>
        <translation>Cerrar tutoría</translation>
    </message>
    <message>
        <source>Came or not: student {number}</source>
        <translation>Vino o no: estudiante {number}</translation>
    </message>
    <message>
        <source>Tutoring · {section}</source>
        <translation>Tutoría · {section}</translation>
    </message>
    <message>
        <source>Tutoring · {section} · week of {day}</source>
        <translation>Tutoría · {section} · semana del {day}</translation>
    </message>
    <message>
        <source>Alt+{number} ticks or unticks</source>
        <translation>Alt+{number} marca o desmarca</translation>
    </message>
    <message>
        <source>{group}: {plan}. {ratio}.</source>
        <translation>{group}: {plan}. {ratio}.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>aún no</translation>
    </message>
    <message>
        <source>No tutoring groups yet.</source>
        <translation>Todavía no hay grupos de tutoría.</translation>
    </message>
    <message>
        <source>No sessions logged this week.</source>
        <translation>No hay sesiones registradas esta semana.</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>the database&apos;s tables (it was upgraded since)</source>
        <extracomment>Tables a roster import writes: their differences are what the undo takes back. Rows of other tables that a roster import writes: the roster&apos;s import time. Kept as they are now whatever is undone: the laptop&apos;s identity and its hybrid logical clock, which must never run backwards (a stamp it made may already be on the server). The school&apos;s own settings, which an import never changes (only its name). What :func:`later_changes` names besides tables. The work undoing an import would lose, named as a teacher knows it; a table missing here is named by its table.</extracomment>
        <translation>las tablas de la base de datos (se actualizó desde entonces)</translation>
    </message>
    <message>
        <source>school settings</source>
        <translation>ajustes de la escuela</translation>
    </message>
    <message>
        <source>saved activity mappings</source>
        <translation>correspondencias de actividad guardadas</translation>
    </message>
    <message>
        <source>activity summaries</source>
        <translation>resúmenes de actividad</translation>
    </message>
    <message>
        <source>celebrations</source>
        <translation>celebraciones</translation>
    </message>
    <message>
        <source>conference notes</source>
        <translation>notas de conferencia</translation>
    </message>
    <message>
        <source>import times</source>
        <translation>horas de importación</translation>
    </message>
    <message>
        <source>goals</source>
        <translation>metas</translation>
    </message>
    <message>
        <source>goal conflicts</source>
        <translation>conflictos de metas</translation>
    </message>
    <message>
        <source>group members</source>
        <translation>miembros de grupos</translation>
    </message>
    <message>
        <source>learner profiles</source>
        <translation>perfiles de aprendizaje</translation>
    </message>
    <message>
        <source>changes waiting to sync</source>
        <translation>cambios por sincronizar</translation>
    </message>
    <message>
        <source>plan conflicts</source>
        <translation>conflictos de planificación</translation>
    </message>
    <message>
        <source>profile conflicts</source>
        <translation>conflictos de perfiles</translation>
    </message>
    <message>
        <source>reassignments</source>
        <translation>reasignaciones</translation>
    </message>
    <message>
        <source>rotations</source>
        <translation>rotaciones</translation>
    </message>
    <message>
        <source>groups</source>
        <translation>grupos</translation>
    </message>
    <message>
        <source>sync problems</source>
        <translation>problemas de sincronización</translation>
    </message>
    <message>
        <source>sync records</source>
        <translation>registros de sincronización</translation>
    </message>
    <message>
        <source>sync state</source>
        <translation>estado de sincronización</translation>
    </message>
    <message>
        <source>tutors</source>
        <translation>tutores</translation>
    </message>
    <message>
        <source>tutoring groups</source>
        <translation>grupos de tutoría</translation>
    </message>
    <message>
        <source>tutoring sessions</source>
        <translation>sesiones de tutoría</translation>
    </message>
    <message>
        <source>units</source>
        <translation>unidades</translation>
    </message>
    <message>
        <source>unit scores</source>
        <translation>puntajes de unidades</translation>
    </message>
    <message>
        <source>unit progress</source>
        <translation>avance de unidades</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <source>the roster import of {when} for {school} from {package} ({what})</source>
        <translation>la importación de la lista del {when} para {school} desde {package} ({what})</translation>
    </message>
    <message>
        <source>the roster import of {when} from {package} ({what})</source>
        <translation>la importación de la lista del {when} desde {package} ({what})</translation>
    </message>
    <message>
        <source>byte for byte</source>
        <extracomment>True when the file is byte for byte what it was; False when the app had it open and the pages were copied back (the same rows, SQLite&apos;s write counters one on).</extracomment>
        <translation>byte por byte</translation>
    </message>
    <message>
        <source>every row as it was; the app had the store open, so SQLite copied it back</source>
        <translation>cada fila como estaba; la aplicación tenía los datos abiertos, así que SQLite los copió de vuelta</translation>
    </message>
    <message>
        <source>Restored the store as it was before {point} ({how}).</source>
        <translation>Los datos quedaron como estaban antes de {point} ({how}).</translation>
    </message>
    <message>
        <source>Discarded what was saved since: {changes}.</source>
        <translation>Se descartó lo guardado desde entonces: {changes}.</translation>
    </message>
    <message>
        <source>Nothing to undo: no roster import into {store} has kept an undo copy.</source>
        <translation>Nada que deshacer: ninguna importación de lista en {store} guardó una copia para deshacer.</translation>
    </message>
    <message>
        <source>Undoing {point} would also lose what was saved since: {changes}. Nothing was changed.</source>
        <translation>Deshacer {point} también perdería lo guardado desde entonces: {changes}. No se cambió nada.</translation>
    </message>
    <message>
        <source>{what}: {count}</source>
        <translation>{what}: {count}</translation>
    </message>
    <message>
        <source>The undo copy {copy} is damaged (not an SQLite file); nothing was changed.</source>
        <translation>La copia para deshacer {copy} está dañada (no es un archivo SQLite); no se cambió nada.</translation>
    </message>
    <message>
        <source>The undo copy {copy} is damaged ({problems}); nothing was changed.</source>
        <translation>La copia para deshacer {copy} está dañada ({problems}); no se cambió nada.</translation>
    </message>
</context>
</TS>
