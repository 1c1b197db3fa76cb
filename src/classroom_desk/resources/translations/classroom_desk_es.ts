<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
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
        <source>Import roster (OneRoster)…</source>
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
        <source>Settings open once the school&apos;s data is ready.</source>
        <translation>La configuración se abre cuando los datos de la escuela estén listos.</translation>
    </message>
    <message>
        <source>Settings saved: the roster shows the week and targets as now set.</source>
        <translation>Configuración guardada: la lista muestra la semana y las metas como quedaron.</translation>
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
        <extracomment>The clock stands still while a menu or a dialog has the keyboard (``pause``).</extracomment>
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
        <extracomment>Units a student should master in a month (two to three a week, DESIGN.md). Row indexes whose values fall short of a target, per column (for red text).</extracomment>
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
        <extracomment>The student&apos;s small groups and tutoring, each week of the month.</extracomment>
        <translation>{month} de {year}</translation>
    </message>
    <message>
        <source>{student}: {area}, {month}</source>
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
        <source>{month} {year} · {school} · targets: {units} units mastered a month, {average}% mastery average (each unit&apos;s latest score in the month)</source>
        <translation>{month} de {year} · {school} · metas: {units} unidades dominadas al mes, {average}% de promedio de dominio (el último puntaje de cada unidad en el mes)</translation>
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
        <source>{month} {year} · every class by grade · targets: {units} units mastered a month, {average}% mastery average</source>
        <translation>{month} de {year} · todas las clases por grado · metas: {units} unidades dominadas al mes, {average}% de promedio de dominio</translation>
    </message>
    <message>
        <source>Units mastered and mastery average are means over each class&apos;s students.</source>
        <translation>Las unidades dominadas y el promedio de dominio son promedios de los estudiantes de cada clase.</translation>
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
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message>
        <source>{start} to {end}, {year}</source>
        <extracomment>Each filter as one bit, so a row&apos;s flags are one int: a filter test is an ``&amp;`` and the chip counts tally a few distinct ints (enum members hash in Python, ints in C). How fresh each data source is, as of the last load (roster first).</extracomment>
        <translation>{start} al {end} de {year}</translation>
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
        <extracomment>While signed in, a sync every this often (and at start, on demand, at quit). The sync at quit: one attempt, each request bounded, the wait bounded too.</extracomment>
        <translation>Sin llavero: vuelva a iniciar sesión la próxima vez</translation>
    </message>
    <message>
        <source>Connection not encrypted</source>
        <extracomment>The status bar&apos;s warning for a plain http:// server school IT allowed on purpose.</extracomment>
        <translation>Conexión sin cifrar</translation>
    </message>
    <message>
        <source>Syncing… ({progress})</source>
        <extracomment>The last sync found this laptop&apos;s clock too far ahead of the server&apos;s.</extracomment>
        <translation>Sincronizando… ({progress})</translation>
    </message>
    <message>
        <source>Not signed in (no keyring on this computer)</source>
        <translation>Sin sesión iniciada (esta computadora no tiene llavero)</translation>
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
        <source>No days set</source>
        <translation>Sin días fijados</translation>
    </message>
    <message>
        <source>{days} at {time}</source>
        <translation>{days} a las {time}</translation>
    </message>
    <message>
        <source>{sessions} sessions of {minutes} min a week</source>
        <translation>{sessions} sesiones de {minutes} min por semana</translation>
    </message>
    <message>
        <source>{sessions} of {planned} sessions, {minutes} of {planned_minutes} min</source>
        <translation>{sessions} de {planned} sesiones, {minutes} de {planned_minutes} min</translation>
    </message>
</context>
</TS>
