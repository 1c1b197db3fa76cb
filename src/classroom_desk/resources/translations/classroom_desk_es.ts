<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
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
</TS>
